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

    /// <summary>The interface language the administrator stored ("en", "fr"); absent until they choose one.</summary>
    public const string Language = "dashboard:language";

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
    public Task InvokeAsync(HttpContext context, AccountScope scope)
    {
        ArgumentNullException.ThrowIfNull(context);
        DashboardClaims.Fill(scope, context.User);
        return next(context);
    }
}

/// <summary>
/// Fills the circuit's <see cref="AccountScope"/> before its first render, and again whenever the circuit's
/// authentication state changes (revalidation signs a circuit out when the administrator's privileges changed).
/// </summary>
public sealed class AccountScopeCircuitHandler(AuthenticationStateProvider authentication, AccountScope scope) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        DashboardClaims.Fill(scope, state.User);
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
        return Task.CompletedTask;
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> task)
    {
        // Fail closed: the scope never keeps the privileges of a principal that changed, even for a moment.
        scope.Clear();
        _ = RefillAsync(task);
    }

    private async Task RefillAsync(Task<AuthenticationState> task)
    {
        try
        {
            DashboardClaims.Fill(scope, (await task).User);
        }
        catch (InvalidOperationException)
        {
            // The state could not be read: the scope stays empty and every query sees nothing.
        }
    }
}
