using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Tests.Support;

/// <summary>
/// Signs in through the real sign-in form (GET for the antiforgery token, POST the fields) and keeps the
/// cookie: the same path a browser takes, no fake authentication handler. Redirects are not followed so
/// tests can assert on them.
/// </summary>
public static partial class SignedInClient
{
    public static HttpClient Anonymous(WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    /// <summary>A client signed in as <paramref name="email"/>; fails the test when the sign-in is refused.</summary>
    public static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> factory, string email, string password = AccountsBuilder.Password)
    {
        var client = Anonymous(factory);
        var response = await PostSignInAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Sign-in of {email} answered {(int)response.StatusCode}: {ErrorOf(await response.Content.ReadAsStringAsync())}");
        return client;
    }

    /// <summary>Posts the sign-in form once (with the token of a fresh GET) and returns the raw answer.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var url = returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    /// <summary>Signs out through the app bar's form: the token comes from a page the signed-in administrator sees.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client, string pageWithUserMenu = "/account/access-denied")
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(new Uri(pageWithUserMenu, UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryToken(page) });
        return await client.PostAsync(new Uri("/account/logout", UriKind.Relative), content);
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html ?? "");
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The sign-in page's error message, or null.</summary>
    public static string? ErrorOf(string html)
    {
        var match = ErrorPattern().Match(html ?? "");
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", "")).Trim() : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("id=\"sign-in-error\"[^>]*>(.*?)</div>\\s*</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorPattern();
}
