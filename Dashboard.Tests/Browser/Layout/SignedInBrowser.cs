using System.Text.RegularExpressions;
using Dashboard.Tests.Browser.Pages;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Layout;

/// <summary>A fresh Chromium context at a given window size, signed in through the real sign-in form.</summary>
internal static partial class SignedInBrowser
{
    public static async Task<IPage> OpenAsync(BrowserFixture browser, Uri baseAddress, int width, int height,
        string email = ProductWorld.OwnerEmail)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var signIn = new SignInPage(page);
        await signIn.GotoAsync("/results");
        await signIn.SignInAsync(email, ProductWorld.Password);
        await page.WaitForURLAsync(ResultsUrl());
        return page;
    }

    /// <summary>Signed in in English, then French for this browser (the culture cookie the language menu also sets).</summary>
    public static async Task<IPage> OpenInFrenchAsync(BrowserFixture browser, Uri baseAddress, int width, int height)
    {
        var page = await OpenAsync(browser, baseAddress, width, height);
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=fr-FR|uic=fr-FR", Url = baseAddress.ToString() }]);
        return page;
    }

    /// <summary>Opens a page and waits for what only the live circuit renders (clicks before it are lost).</summary>
    public static async Task GotoLiveAsync(IPage page, string path)
    {
        var circuit = new LiveCircuit(page);
        await page.GotoAsync(path);
        await circuit.WaitAsync();
        if (path.StartsWith("/results", StringComparison.Ordinal) && !path.StartsWith("/results/analysis", StringComparison.Ordinal)
            && !path.StartsWith("/results/dashboard", StringComparison.Ordinal) && !path.StartsWith("/results/cert", StringComparison.Ordinal)
            && !path.StartsWith("/results/att", StringComparison.Ordinal))
        {
            await page.GetByTestId("live-indicator").WaitForAsync();
            await Assertions.Expect(page.GetByTestId("results-total")).ToHaveTextAsync(TotalText());
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    [GeneratedRegex("/results")]
    private static partial Regex ResultsUrl();

    /// <summary>"1,234 results" or, in French, "1 234 résultats".</summary>
    [GeneratedRegex(@"^[\d,\s\u202f\u00a0]+ (results?|résultats?)$")]
    private static partial Regex TotalText();
}
