using System.Globalization;
using System.Security.Claims;
using Dashboard.Core.Domain;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Hosting;

/// <summary>Authorization policies of the pages; the Core services check the same privileges again.</summary>
public static class DashboardPolicies
{
    /// <summary>Owners' pages: administrators and the audit log.</summary>
    public const string ManageAdministrators = nameof(ManageAdministrators);

    public static void Configure(AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        // Every endpoint needs a signed-in administrator unless it says [AllowAnonymous] (sign-in, static files).
        authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(DashboardClaims.AccountId)
            .Build());
        authorization.AddPolicy(ManageAdministrators, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => HasPrivilege(context.User, Privileges.ManageAdministrators)));
    }

    public static bool HasPrivilege(ClaimsPrincipal user, Privileges privilege)
    {
        ArgumentNullException.ThrowIfNull(user);
        var value = user.FindFirst(DashboardClaims.Privileges)?.Value;
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bits)
            && ((Privileges)bits & privilege) == privilege;
    }
}
