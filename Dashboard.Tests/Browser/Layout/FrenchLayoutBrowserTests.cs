using System.Globalization;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Layout;

/// <summary>The layout checks of <see cref="LayoutBrowserTests"/> in French, whose labels run longer ("Attribuer aux correcteurs", "Rapports de groupe").</summary>
[Trait("Category", "Browser")]
public sealed class FrenchLayoutBrowserTests(BrowserFixture browser, ProductWorld world)
    : IClassFixture<BrowserFixture>, IClassFixture<ProductWorld>
{
    public static TheoryData<int, int> FrenchDesktopSizes => new() { { 1280, 800 }, { 1366, 768 } };

    [Theory]
    [MemberData(nameof(FrenchDesktopSizes))]
    public async Task InFrenchEveryToolbarButtonColumnHeaderAndRowActionIsOnScreenOnALaptop(int width, int height)
    {
        var page = await SignedInBrowser.OpenInFrenchAsync(browser, world.Factory.BaseAddress, width, height);
        foreach (var path in LayoutBrowserTests.GridPages.Append("/results/in-progress"))
        {
            await SignedInBrowser.GotoLiveAsync(page, path);
            Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
            if (path != "/results/in-progress")
            {
                await LayoutBrowserTests.WaitForRowsAsync(page, path);
            }

            await LayoutBrowserTests.AssertEverythingOnScreenAsync(page, $"{path} in French at {width}×{height}");
        }

        var pending = string.Create(CultureInfo.InvariantCulture, $"/results?status=PendingGrading&group={world.PendingGroupId}");
        await SignedInBrowser.GotoLiveAsync(page, pending);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rapports de groupe" })).ToBeEnabledAsync();
        var boxes = page.Locator(".results-grid tbody input[type=checkbox]");
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await Assertions.Expect(page.GetByTestId("results-selected")).ToHaveTextAsync("2 sélectionnés");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Attribuer aux correcteurs" })).ToBeEnabledAsync();
        await LayoutBrowserTests.AssertEverythingOnScreenAsync(page, $"{pending} in French with 2 rows selected at {width}×{height}");
    }

    [Fact]
    public async Task InFrenchOnAPhoneTheResultsPageFitsAndItsFiltersFold()
    {
        var page = await SignedInBrowser.OpenInFrenchAsync(browser, world.Factory.BaseAddress, 390, 844);

        await SignedInBrowser.GotoLiveAsync(page, "/results");

        var overflowing = await page.EvaluateAsync<string[]>(LayoutBrowserTests.SidewaysScript);
        Assert.True(overflowing.Length == 0, $"/results in French scrolls sideways at 390 px: {string.Join("; ", overflowing)}");
        await LayoutBrowserTests.AssertInsideWidthAsync(page, page.GetByTestId("sign-out-compact"), "Se déconnecter");
        await LayoutBrowserTests.AssertInsideWidthAsync(page, page.GetByTestId("language-menu"), "the language menu");
        var actions = LayoutBrowserTests.RowActions(page, "/results");
        for (var i = 0; i < await actions.CountAsync(); i++)
        {
            await LayoutBrowserTests.AssertInsideWidthAsync(page, actions.Nth(i), $"/results in French, row action {i}");
        }

        // A row card holds its longest French line ("Pas encore de résultat" beside an "En cours" chip) by wrapping it:
        // a table as wide as its widest line pushed every card past the screen's edge inside the grid's frame.
        await SignedInBrowser.GotoLiveAsync(page, "/results?status=InProgress");
        await LayoutBrowserTests.WaitForRowsAsync(page, "/results?status=InProgress");
        await Assertions.Expect(page.Locator(".results-grid tbody .score-cell").First).ToContainTextAsync("Pas encore de résultat");
        var widths = await page.EvaluateAsync<double[]>(
            "() => [document.querySelector('.results-grid table').getBoundingClientRect().width, document.querySelector('.results-grid .mud-table-container').clientWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"the in-progress cards are {widths[0]} px wide in a {widths[1]} px frame at 390 px");

        await SignedInBrowser.GotoLiveAsync(page, "/results");
        await Assertions.Expect(page.GetByLabel("Type de test")).ToBeHiddenAsync();
        await page.GetByTestId("filters-toggle").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Type de test")).ToBeVisibleAsync();
        overflowing = await page.EvaluateAsync<string[]>(LayoutBrowserTests.SidewaysScript);
        Assert.True(overflowing.Length == 0, $"the open French filters scroll sideways at 390 px: {string.Join("; ", overflowing)}");
    }
}
