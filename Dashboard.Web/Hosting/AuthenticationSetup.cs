using Dashboard.Core.Domain;
using Dashboard.Web.Components.Pages.Account;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Hosting;

/// <summary>Cookie sign-in of administrators (ASP.NET Core Identity), authorization, security headers, sign-out.</summary>
public static class AuthenticationSetup
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";

    public static IHostApplicationBuilder AddDashboardAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // AddIdentityCore and the stores are registered by Core (AddAccounts); the web adds the cookie sign-in.
        new IdentityBuilder(typeof(Administrator), services)
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DashboardClaimsPrincipalFactory>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.LogoutPath = LogoutPath;
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "dashboard.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        // Privilege changes renew the security stamp; requests re-check it this often (circuits: see the state provider).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        DashboardPolicies.Configure(services.AddAuthorizationBuilder());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAdministratorStateProvider>();
        return builder;
    }

    /// <summary>Security headers, then who is signed in and what they may reach; before the account scope is filled.</summary>
    public static WebApplication UseDashboardAuthentication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<CoreExceptionStatusMiddleware>();
        return app;
    }

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(LogoutPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<Administrator> signIn) =>
            {
                // No form field is bound, so the antiforgery middleware's verdict is checked here: a forged POST must not sign anyone out.
                var verdict = context.Features.Get<IAntiforgeryValidationFeature>();
                if (!(verdict?.IsValid ?? await antiforgery.IsRequestValidAsync(context)))
                {
                    // A body, so the status-code pages do not re-execute this POST against another page.
                    return Results.Text(AccountText.SignOutExpired, statusCode: StatusCodes.Status400BadRequest);
                }

                await signIn.SignOutAsync();
                return Results.LocalRedirect(LoginPath);
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .AllowAnonymous();
        return app;
    }

    /// <summary>Only a local path is followed after sign-in: "//evil.test" and absolute URLs fall back to the results.</summary>
    public static string SafeReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.StartsWith("//", StringComparison.Ordinal)
            || returnUrl.StartsWith("/\\", StringComparison.Ordinal) || returnUrl.Any(char.IsControl)
            || returnUrl.StartsWith(LoginPath, StringComparison.OrdinalIgnoreCase))
        {
            return "/results";
        }

        return returnUrl;
    }
}
