using System.Globalization;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Localization;

namespace Dashboard.Web.Localization;

/// <summary>
/// The interface's two cultures and how a request picks one: the signed-in administrator's stored language (a claim of
/// the sign-in cookie), else the language this browser chose last (the culture cookie), else the browser's
/// Accept-Language, else English. English uses en-GB formats (01/12/2026 21:29, 650.2), French fr-FR (01/12/2026 21:29, 650,2).
/// </summary>
public sealed class InterfaceCultures : RequestCultureProvider
{
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en-GB");
    public static CultureInfo French { get; } = CultureInfo.GetCultureInfo("fr-FR");
    public static IReadOnlyList<CultureInfo> Supported { get; } = [English, French];

    /// <summary>"fr", "fr-CA", "FR" → fr-FR; "en", "en-US" → en-GB; anything else → null.</summary>
    public static CultureInfo? For(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        var code = language.Trim();
        var dash = code.IndexOf('-', StringComparison.Ordinal);
        var primary = dash > 0 ? code[..dash] : code;
        return Supported.FirstOrDefault(c => string.Equals(c.TwoLetterISOLanguageName, primary, StringComparison.OrdinalIgnoreCase));
    }

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var culture = For(httpContext.User.FindFirst(DashboardClaims.Language)?.Value)
            ?? FromCookie(httpContext)
            ?? FromAcceptLanguage(httpContext);
        return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture.Name));
    }

    private static CultureInfo? FromCookie(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieRequestCultureProvider.DefaultCookieName, out var value)
        && CookieRequestCultureProvider.ParseCookieValue(value) is { } parsed && parsed.UICultures.Count > 0
            ? For(parsed.UICultures[0].Value)
            : null;

    /// <summary>The first language of the header, by quality, that the interface speaks.</summary>
    private static CultureInfo? FromAcceptLanguage(HttpContext context) =>
        context.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1).Select(l => For(l.Value.Value)).FirstOrDefault(c => c is not null);
}
