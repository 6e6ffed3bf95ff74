using Dashboard.Tests.Browser.Pages;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Accounts;

[Trait("Category", "Browser")]
public sealed class SignInJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly DashboardWebFactory _app = new();

    public Task InitializeAsync()
    {
        _app.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheDemoOwnerSignsInReachesTheResultsAndSignsOut()
    {
        var page = await browser.NewPageAsync(_app.BaseAddress);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        var signIn = new SignInPage(page);

        // A signed-out visitor asking for the results is sent to sign in, and comes back to them.
        await page.GotoAsync("results");
        await signIn.Heading.WaitForAsync();
        await signIn.SignInAsync(SignInPage.DemoOwnerEmail, SignInPage.DemoPassword);

        await Assertions.Expect(signIn.SignedInName).ToHaveTextAsync("Claire Fontaine");
        Assert.Equal("/results", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Results table" })).ToBeVisibleAsync();

        // The owner's Administration menu leads to a page whose grid loads over the live circuit (scripts allowed by the CSP).
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-table-pagination")).ToBeVisibleAsync();
        var styled = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.mud-appbar')).position");
        Assert.Equal("fixed", styled);

        await signIn.SignOutAsync();

        await page.GotoAsync("results");
        await signIn.Heading.WaitForAsync();
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
        Assert.DoesNotContain(problems, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AWrongPasswordIsExplainedOnTheSignInPage()
    {
        var page = await browser.NewPageAsync(_app.BaseAddress);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();

        await signIn.SignInAsync(SignInPage.DemoOwnerEmail, "not-the-password");

        await Assertions.Expect(signIn.Error).ToContainTextAsync("Invalid email or password.");
        Assert.Equal("/account/login", new Uri(page.Url).AbsolutePath);
    }
}
