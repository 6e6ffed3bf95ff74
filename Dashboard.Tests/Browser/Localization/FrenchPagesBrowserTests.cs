using Dashboard.Tests.Browser.Layout;
using Dashboard.Tests.Components.Localization;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Localization;

/// <summary>
/// Issue 16: every page of the real host, and the dialogs an administrator opens most, read in French for a browser that
/// asks for French: the visible text holds no English text of the product's resources or of MudBlazor's.
/// </summary>
[Trait("Category", "Browser")]
public sealed class FrenchPagesBrowserTests(BrowserFixture browser, ProductWorld world)
    : IClassFixture<BrowserFixture>, IClassFixture<ProductWorld>
{
    [Fact]
    public async Task EveryPageShowsNoEnglishInterfaceTextInFrench()
    {
        var page = await SignedInBrowser.OpenInFrenchAsync(browser, world.Factory.BaseAddress, 1366, 768);
        var problems = new List<string>();

        foreach (var path in world.EveryPage())
        {
            await SignedInBrowser.GotoLiveAsync(page, path);
            await page.Locator("main h1").First.WaitForAsync();
            Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
            problems.AddRange(await LeftoversAsync(page, path));
        }

        Assert.True(problems.Count == 0, "English on French pages:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task TheSignInPageAndAnUnknownCandidatesExplanationPageReadInFrenchForAFrenchBrowser()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = world.Factory.BaseAddress.ToString(), Locale = "fr-FR" });
        var page = await context.NewPageAsync();
        var problems = new List<string>();

        await page.GotoAsync("account/login?returnUrl=%2Fresults");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter" })).ToBeVisibleAsync();
        problems.AddRange(await LeftoversAsync(page, "sign-in"));
        // A link that no longer holds: the candidate is unknown, so the page speaks the browser's language.
        await page.GotoAsync("proctoring/explain?token=expired-or-tampered");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Lien non valide");
        problems.AddRange(await LeftoversAsync(page, "/proctoring/explain"));

        Assert.True(problems.Count == 0, "English on French pages:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task TheDialogsAdministratorsOpenMostReadInFrench()
    {
        var page = await SignedInBrowser.OpenInFrenchAsync(browser, world.Factory.BaseAddress, 1366, 768);
        var problems = new List<string>();

        await SignedInBrowser.GotoLiveAsync(page, "/proctoring");
        await page.GetByRole(AriaRole.Button, new() { Name = "Commentaire de revue du protocole" }).First.ClickAsync();
        await page.GetByTestId("guidance").WaitForAsync();
        problems.AddRange(await LeftoversAsync(page, "/proctoring, protocol review dialog"));
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("guidance")).ToBeHiddenAsync();

        await page.Locator("button[aria-label='Invalider']:enabled").First.ClickAsync();
        await page.GetByTestId("decision-title").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("decision-title")).ToContainTextAsync("Invalider le passage de");
        problems.AddRange(await LeftoversAsync(page, "/proctoring, invalidate dialog"));
        await page.Keyboard.PressAsync("Escape");

        await SignedInBrowser.GotoLiveAsync(page, "/admin/administrators");
        await page.GetByRole(AriaRole.Button, new() { Name = "Modifier les droits" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Gérer les administrateurs");
        problems.AddRange(await LeftoversAsync(page, "/admin/administrators, rights dialog"));

        Assert.True(problems.Count == 0, "English in French dialogs:\n" + string.Join("\n", problems));
    }

    /// <summary>The English resource texts in the page's visible text; the demo world's own names (data, not interface) are left out.</summary>
    private static async Task<IEnumerable<string>> LeftoversAsync(IPage page, string where)
    {
        var markup = await page.Locator("body").InnerHTMLAsync();
        return FrenchHarness.EnglishLeftovers(markup).Select(l => $"{where}: {l}");
    }
}
