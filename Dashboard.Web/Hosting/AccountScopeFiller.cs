using System.Globalization;
using System.Security.Claims;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Web.Hosting;

/// <summary>Claim types carried by the sign-in cookie; the scope of every request and circuit is built from them.</summary>
public static class DashboardClaims
{
    public const string AccountId = "dashboard:account";
    public const string AdministratorId = ClaimTypes.NameIdentifier;
    public const string DisplayName = "dashboard:name";
    public const string Privileges = "dashboard:privileges";

    public static void Fill(AccountScope scope, ClaimsPrincipal? user)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (user?.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var account = user.FindFirst(AccountId)?.Value;
        var admin = user.FindFirst(AdministratorId)?.Value;
        var privileges = user.FindFirst(Privileges)?.Value;
        if (int.TryParse(account, NumberStyles.Integer, CultureInfo.InvariantCulture, out var accountId)
            && int.TryParse(admin, NumberStyles.Integer, CultureInfo.InvariantCulture, out var adminId)
            && int.TryParse(privileges, NumberStyles.Integer, CultureInfo.InvariantCulture, out var privilegeBits))
        {
            scope.SetAdministrator(accountId, adminId, user.FindFirst(DisplayName)?.Value ?? "", (Privileges)privilegeBits);
        }
    }
}

/// <summary>Fills the request's <see cref="AccountScope"/> from the signed-in administrator (endpoints, prerendering).</summary>
public sealed class AccountScopeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, AccountScope scope, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(context);
        DashboardClaims.Fill(scope, context.User);
        TemporaryDemoActAs.Apply(scope, context.User, configuration);
        return next(context);
    }
}

/// <summary>Fills the circuit's <see cref="AccountScope"/> before its first render.</summary>
public sealed class AccountScopeCircuitHandler(AuthenticationStateProvider authentication, AccountScope scope, IConfiguration configuration) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        DashboardClaims.Fill(scope, state.User);
        TemporaryDemoActAs.Apply(scope, state.User, configuration);
    }
}

/// <summary>
/// TEMPORARY, until sign-in lands: an anonymous visitor acts as the system actor of account
/// <c>Demo:ActAsAccountId</c> when that setting is present, so the pages show data. Remove with sign-in.
/// </summary>
public static class TemporaryDemoActAs
{
    public const string SettingKey = "Demo:ActAsAccountId";

    public static void Apply(AccountScope scope, ClaimsPrincipal? user, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(configuration);
        if (user?.Identity?.IsAuthenticated == true || scope.IsSet)
        {
            return;
        }

        if (int.TryParse(configuration[SettingKey], NumberStyles.Integer, CultureInfo.InvariantCulture, out var accountId))
        {
            scope.SetSystem(accountId, "demo visitor");
        }
    }
}
