using Dashboard.Tests.Browser.Pages;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Browser.Bulk;

[Trait("Category", "Browser")]
public sealed class GroupReportJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly DashboardWebFactory _app = new();

    public Task InitializeAsync()
    {
        _app.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnAdministratorRequestsTheGroupReportWatchesItReachCompletionAndDownloadsThePdf()
    {
        var page = await browser.NewPageAsync(_app.BaseAddress);
        await new SignInPage(page).SignInAsDemoOwnerAsync("/results");

        // Rows come over the live circuit only: after them, clicks are not lost.
        await Assertions.Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^[\\d,]+ results$"))).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Without a group the menu is disabled and says why.
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Group reports" });
        await Assertions.Expect(page.GetByText("Select a group and clear the search field to generate group reports")).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToBeDisabledAsync();

        // Pick a group in the filters.
        var group = page.GetByRole(AriaRole.Combobox, new() { Name = "Group", Exact = true });
        await group.ClickAsync();
        await group.PressSequentiallyAsync("Finance");
        await page.GetByRole(AriaRole.Option, new() { Name = "Finance", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("group=\\d+"));
        await Assertions.Expect(menu).ToBeEnabledAsync();

        await menu.ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Download the group report" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByText("Period start")).ToBeVisibleAsync();
        // Only the tests the group took are offered; take the first.
        await dialog.GetByTestId("bulk-test").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your request has been registered.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "My requests" }).ClickAsync();
        var jobs = new JobsPage(page);
        await Assertions.Expect(jobs.Heading).ToBeVisibleAsync();
        // The page updates itself from the progress feed: no reload.
        await Assertions.Expect(jobs.FirstStatus).ToHaveTextAsync("Completed", new() { Timeout = 60_000 });
        await Assertions.Expect(jobs.FirstProgress).ToHaveTextAsync("1 / 1 (100%)");

        var href = await jobs.FirstDownload.GetAttributeAsync("href");
        Assert.NotNull(href);
        var response = await page.Context.APIRequest.GetAsync(new Uri(_app.BaseAddress, href).ToString());
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        using var pdf = PdfDocument.Open(await response.BodyAsync());
        Assert.True(pdf.NumberOfPages >= 1);
    }
}
