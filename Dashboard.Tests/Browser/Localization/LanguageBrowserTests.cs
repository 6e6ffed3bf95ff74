using System.Text.RegularExpressions;
using Dashboard.Core.Data;
using Dashboard.Tests.Browser.Pages;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Localization;

/// <summary>The interface language through the real host: the app bar's menu, the stored choice, the browser's Accept-Language.</summary>
[Trait("Category", "Browser")]
public sealed partial class LanguageBrowserTests(BrowserFixture browser, RunningDashboard app)
    : IClassFixture<BrowserFixture>, IClassFixture<RunningDashboard>
{
    private readonly BrowserFixture _browser = browser;
    private readonly DashboardWebFactory _factory = app.Factory;

    private async Task<IPage> NewPageAsync(string locale)
    {
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _factory.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = locale,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    private async Task StoreLanguageAsync(string email, string? language)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Users.Where(a => a.Email == email).ExecuteUpdateAsync(s => s.SetProperty(a => a.Language, language));
    }

    private async Task<string?> StoredLanguageAsync(string email)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Users.Where(a => a.Email == email).Select(a => a.Language).SingleAsync();
    }

    [Fact]
    public async Task SwitchingToFrenchFromTheMenuKeepsTheFiltersAndThePageAndAReloadStaysFrench()
    {
        const string email = "grader@acme.test";
        await StoreLanguageAsync(email, null);
        var page = await NewPageAsync("en-GB");
        var signIn = new SignInPage(page);
        await signIn.GotoAsync("/results?status=Completed&sort=name&page=2");
        await signIn.SignInAsync(email, SignInPage.DemoPassword);
        await page.GetByTestId("live-indicator").WaitForAsync();
        var grid = page.Locator(".results-grid");
        await Assertions.Expect(page.GetByTestId("results-total")).ToHaveTextAsync(EnglishTotal());
        await Assertions.Expect(grid.Locator(".mud-table-pagination")).ToContainTextAsync("Rows per page");
        await Assertions.Expect(grid.Locator("tbody .candidate-name").First).ToBeVisibleAsync();
        var url = page.Url;
        var names = await grid.Locator("tbody .candidate-name").AllInnerTextsAsync();
        var range = await grid.Locator(".mud-table-pagination-caption").Last.InnerTextAsync();
        Assert.Contains("page=2", url, StringComparison.Ordinal);
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));

        await page.GetByTestId("language-menu").ClickAsync();
        await page.GetByTestId("language-fr").ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await page.GetByTestId("live-indicator").WaitForAsync();
        Assert.Equal(url, page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Résultats", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("results-total")).ToHaveTextAsync(FrenchTotal());
        await Assertions.Expect(grid.Locator(".mud-table-pagination")).ToContainTextAsync("Lignes par page");
        await Assertions.Expect(grid.Locator(".mud-table-pagination-caption").Last).ToHaveTextAsync(range.Replace(" of ", " sur ", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByLabel("Statut du test", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync("Terminé");
        await Assertions.Expect(grid.Locator("tbody .candidate-name")).ToHaveTextAsync(names);
        Assert.Equal("fr", await StoredLanguageAsync(email));

        await page.ReloadAsync();

        await page.GetByTestId("live-indicator").WaitForAsync();
        Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByTestId("results-total")).ToHaveTextAsync(FrenchTotal());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tableau des résultats" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// The language menu by keyboard, as a menu of two radio items: Enter opens it on the checked language, Escape closes
    /// it back onto its button, the arrows move between the languages and Enter chooses.
    /// </summary>
    [Fact]
    public async Task TheLanguageMenuWorksFromTheKeyboardAndSaysWhichLanguageIsChosen()
    {
        const string email = "grader2@acme.test";
        await StoreLanguageAsync(email, "en");
        var page = await NewPageAsync("en-GB");
        var signIn = new SignInPage(page);
        await signIn.GotoAsync("/results/today");
        await signIn.SignInAsync(email, SignInPage.DemoPassword);
        await page.GetByTestId("live-indicator").WaitForAsync();
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Interface language: English" });
        var english = page.GetByRole(AriaRole.Menuitemradio, new() { Name = "English" });
        var french = page.GetByRole(AriaRole.Menuitemradio, new() { Name = "Français" });

        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(english).ToBeFocusedAsync();
        await Assertions.Expect(english).ToHaveAttributeAsync("aria-checked", "true");
        await Assertions.Expect(french).ToHaveAttributeAsync("aria-checked", "false");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0);
        await Assertions.Expect(button).ToBeFocusedAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(english).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(french).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/results/today$"));
        Assert.Equal("fr", await StoredLanguageAsync(email));
    }

    [Fact]
    public async Task AFrenchBrowserSeesTheSignInPageInFrenchAndTheStoredChoiceWinsAfterSignIn()
    {
        const string email = "viewer@acme.test";
        await StoreLanguageAsync(email, "en");
        var page = await NewPageAsync("fr-FR");

        await page.GotoAsync("/account/login");

        Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter" })).ToBeVisibleAsync();
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync("wrong-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("E-mail ou mot de passe incorrect.");

        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(SignInPage.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await page.GetByTestId("live-indicator").WaitForAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByTestId("results-total")).ToHaveTextAsync(EnglishTotal());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Results table" })).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"^[\d,]+ results?$")]
    private static partial Regex EnglishTotal();

    [GeneratedRegex(@"^[\d\s\u202f\u00a0]+ résultats?$")]
    private static partial Regex FrenchTotal();
}
