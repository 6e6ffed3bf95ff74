using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Layout;

/// <summary>Issue 11, defects 9 and 11: the Group reports menu and dialog, archived groups, and what a viewer is shown.</summary>
[Trait("Category", "Browser")]
public sealed partial class GroupReportsAndViewerBrowserTests(BrowserFixture browser, ProductWorld world)
    : IClassFixture<BrowserFixture>, IClassFixture<ProductWorld>
{
    private const string Registered = "Your request has been registered.";

    /// <summary>Records every snackbar that appears, so one that came and went still counts.</summary>
    private const string WatchSnackbars = """
        () => {
          window.__snackbars = [];
          new MutationObserver(records => {
            for (const record of records) for (const node of record.addedNodes)
              if (node.nodeType === 1 && node.matches('.mud-snackbar')) window.__snackbars.push(node.innerText);
          }).observe(document.body, { childList: true, subtree: true });
        }
        """;

    [Fact]
    public async Task ChoosingAGroupReportClosesTheMenuAndEachQuickRequestIsConfirmed()
    {
        var page = await SignedInBrowser.OpenAsync(browser, world.Factory.BaseAddress, 1600, 1000);
        var finance = await world.GroupIdAsync("Finance");
        await SignedInBrowser.GotoLiveAsync(page, string.Create(CultureInfo.InvariantCulture, $"/results?group={finance}"));
        await page.EvaluateAsync(WatchSnackbars);

        for (var request = 1; request <= 2; request++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Group reports" }).ClickAsync();
            var item = page.GetByRole(AriaRole.Menuitem, new() { Name = "Download the group report" });
            await item.ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Assertions.Expect(dialog.GetByText("Period start")).ToBeVisibleAsync();
            // The menu closed when its item was chosen: it is not left open behind the dialog.
            await Assertions.Expect(item).ToBeHiddenAsync();

            await dialog.GetByTestId("bulk-test").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            await Assertions.Expect(dialog).ToBeHiddenAsync();

            // Every request gets its own confirmation, the second one too (same words, made while the first still shows).
            var confirmations = await page.EvaluateAsync<string[]>("() => window.__snackbars");
            Assert.Equal(request, confirmations.Count(text => text.Contains(Registered, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task ChoosingASubGroupOfAnArchivedGroupIncludesArchivedGroupsVisibly()
    {
        var page = await SignedInBrowser.OpenAsync(browser, world.Factory.BaseAddress, 1600, 1000);
        await SignedInBrowser.GotoLiveAsync(page, "/results");
        var archived = page.GetByRole(AriaRole.Switch, new() { Name = "Include archived groups" })
            .Or(page.GetByLabel("Include archived groups"));
        await Assertions.Expect(archived.First).Not.ToBeCheckedAsync();

        // "Apprentices 2024 – Lyon" is not archived itself, but its parent is.
        var group = page.GetByRole(AriaRole.Combobox, new() { Name = "Group", Exact = true });
        await group.ClickAsync();
        await group.PressSequentiallyAsync("Lyon");
        // Its option reads "Apprentices 2024 – Lyon archived": the chip tells it is under an archived group.
        await page.GetByRole(AriaRole.Option, new() { Name = "Apprentices 2024 – Lyon archived", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(ArchivedIncluded());
        await Assertions.Expect(archived.First).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("archived-group-chip")).ToContainTextAsync("Apprentices 2024 – Lyon");
        await Assertions.Expect(page.GetByTestId("results-total")).Not.ToHaveTextAsync("0 results");
        await Assertions.Expect(page.Locator(".results-grid tbody tr.mud-table-row").First).ToContainTextAsync("Apprentices 2024 – Lyon");

        // Hiding archived groups again takes the archived choice with them, rather than showing nothing.
        await archived.First.ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(GroupChosen());
        await Assertions.Expect(page.GetByTestId("archived-group-chip")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("results-total")).Not.ToHaveTextAsync("0 results");
    }

    [Theory]
    [InlineData("/results/certificates")]
    [InlineData("/results/attestations")]
    public async Task DocumentListsOfferArchivedGroupsOnlyWithTheirToggle(string path)
    {
        var page = await SignedInBrowser.OpenAsync(browser, world.Factory.BaseAddress, 1600, 1000);
        await SignedInBrowser.GotoLiveAsync(page, path);
        var archivedGroup = page.GetByRole(AriaRole.Option, new() { Name = "Apprentices 2024", Exact = true });

        await OpenGroupChoiceAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Finance", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(archivedGroup).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Finance", Exact = true })).ToBeHiddenAsync();

        await page.GetByText("Include archived groups").ClickAsync();
        await OpenGroupChoiceAsync(page);
        await Assertions.Expect(archivedGroup).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AViewerIsShownOnlyWhatAViewerCanUse()
    {
        var page = await SignedInBrowser.OpenAsync(browser, world.Factory.BaseAddress, 1600, 1000, ProductWorld.ViewerEmail);
        await SignedInBrowser.GotoLiveAsync(page, "/results");
        await page.Locator(".results-grid tbody tr.mud-table-row").First.WaitForAsync();

        // No checkbox: a viewer has no action on selected rows.
        await Assertions.Expect(page.Locator(".results-grid input[type=checkbox]")).ToHaveCountAsync(0);
        // No link to a page that would refuse them, no button they cannot use.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "My requests" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Group reports" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Export to Excel" })).ToHaveCountAsync(0);

        await SignedInBrowser.GotoLiveAsync(page, "/results/attestations");
        await page.Locator("main tbody tr.mud-table-row").First.WaitForAsync();
        await Assertions.Expect(page.Locator("main table input[type=checkbox]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Download attestations" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = DownloadThe() })).ToHaveCountAsync(0);

        await SignedInBrowser.GotoLiveAsync(page, "/results/certificates");
        await page.Locator("main tbody tr.mud-table-row").First.WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = DownloadThe() })).ToHaveCountAsync(0);
    }

    private static async Task OpenGroupChoiceAsync(IPage page) =>
        await page.Locator("main div.mud-select").Filter(new LocatorFilterOptions { HasText = "Group" }).First
            .Locator(".mud-input-control").First.ClickAsync();

    [GeneratedRegex("archived=true")]
    private static partial Regex ArchivedIncluded();

    [GeneratedRegex("group=\\d+")]
    private static partial Regex GroupChosen();

    [GeneratedRegex("^Download the ")]
    private static partial Regex DownloadThe();
}
