using System.Globalization;
using System.Security.Claims;
using Dashboard.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>Puts the claims <see cref="DashboardClaims"/> reads (account, display name, privileges) into the sign-in cookie.</summary>
public sealed class DashboardClaimsPrincipalFactory(UserManager<Administrator> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Administrator>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Administrator user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DashboardClaims.AccountId, user.AccountId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(DashboardClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(DashboardClaims.Privileges, ((int)user.Privileges).ToString(CultureInfo.InvariantCulture)));
        if (user.Language is { } language)
        {
            identity.AddClaim(new Claim(DashboardClaims.Language, language));
        }

        return identity;
    }
}
