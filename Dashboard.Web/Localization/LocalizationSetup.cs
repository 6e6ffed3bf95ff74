using Dashboard.Core.Domain;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor;

namespace Dashboard.Web.Localization;

/// <summary>The interface in English and French: resources, the request's culture, MudBlazor's texts, the language switch.</summary>
public static class LocalizationSetup
{
    public const string LanguagePath = "/account/language";

    /// <summary>Resources beside their marker classes (no ResourcesPath) and MudBlazor's French; the bUnit context calls it too.</summary>
    public static IServiceCollection AddInterfaceLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddTransient<MudLocalizer, MudBlazorLocalizer>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(InterfaceCultures.English);
            options.SupportedCultures = [.. InterfaceCultures.Supported];
            options.SupportedUICultures = [.. InterfaceCultures.Supported];
            options.RequestCultureProviders = [new InterfaceCultures()];
        });
        return services;
    }

    /// <summary>After authentication, so the administrator's stored language is known (the circuit's request included).</summary>
    public static WebApplication UseInterfaceLocalization(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>
    /// Where the language menu sends the browser after storing the choice: the sign-in cookie is renewed with the stored
    /// language, the culture cookie follows it, and the browser goes back to the page it was on (its state is in the URL).
    /// Nothing is changed from the query string, so a forged link can only re-apply the administrator's own choice.
    /// </summary>
    public static WebApplication MapLanguageEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(LanguagePath, async (HttpContext context, string? returnUrl, UserManager<Administrator> users, SignInManager<Administrator> signIn) =>
        {
            if (await users.GetUserAsync(context.User) is { } user)
            {
                await signIn.RefreshSignInAsync(user);
                if (InterfaceCultures.For(user.Language) is { } culture)
                {
                    context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                        new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
                }
            }

            return Results.LocalRedirect(AuthenticationSetup.SafeReturnUrl(returnUrl));
        }).RequireAuthorization();
        return app;
    }

    /// <summary>The link the language menu opens after saving: back to <paramref name="returnUrl"/> (a local path).</summary>
    public static string LanguageUrl(string returnUrl) => $"{LanguagePath.TrimStart('/')}?returnUrl={Uri.EscapeDataString(returnUrl)}";

}
