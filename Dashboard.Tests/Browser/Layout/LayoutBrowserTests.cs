using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Layout;

/// <summary>
/// Issue 11, defect 2: the grid pages at the widths administrators use. At 1280 px and up every toolbar button, every
/// column header and every row action is inside the window with no horizontal scroll (of the page or hidden in the grid);
/// on a phone each row's actions are on screen once scrolled to, and work. The candidates have long names.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class LayoutBrowserTests(BrowserFixture browser, ProductWorld world)
    : IClassFixture<BrowserFixture>, IClassFixture<ProductWorld>
{
    internal static readonly string[] GridPages = ["/results", "/results/today", "/grading", "/jobs", "/proctoring", "/results/certificates", "/results/attestations"];

    /// <summary>Everything that must be on screen, measured in the page: a list of what is not (empty when all fits).</summary>
    internal const string OffScreenScript = """
        () => {
          const problems = [];
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth > width + 1)
            problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide in ${width} px)`);
          const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
          const name = el => (el.innerText || el.getAttribute('aria-label') || el.getAttribute('title') || el.tagName).trim().replace(/\s+/g, ' ').slice(0, 40);
          const selectors = 'header button, header a, main button, main a[href], main input[type=checkbox], main thead th, main [role=menuitem]';
          for (const el of document.querySelectorAll(selectors)) {
            if (!shown(el)) continue;
            const r = el.getBoundingClientRect();
            if (r.left < -1 || r.right > width + 1) problems.push(`"${name(el)}" spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
          }
          // A squeezed column lets its checkbox or button spill over the next column's header.
          for (const el of document.querySelectorAll('main thead th input, main thead th button')) {
            if (!shown(el)) continue;
            const r = el.getBoundingClientRect(), c = el.closest('th').getBoundingClientRect();
            if (r.left < c.left - 1 || r.right > c.right + 1) problems.push(`"${name(el)}" spills out of its column header`);
          }
          for (const box of document.querySelectorAll('main .mud-table-container')) {
            if (box.scrollWidth > box.clientWidth + 1) {
              const edge = box.getBoundingClientRect().right;
              const past = [...box.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > edge + 1)
                .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > edge + 1)).slice(0, 3)
                .map(e => `${e.tagName.toLowerCase()}.${e.className} "${name(e)}" ends at ${Math.round(e.getBoundingClientRect().right)} px`);
              const columns = [...box.querySelectorAll('thead th')].map(th => `${name(th)} ${Math.round(th.getBoundingClientRect().width)}`);
              problems.push(`a grid hides ${box.scrollWidth - box.clientWidth} px of columns behind its scrollbar (${past.join(', ')}; columns ${columns.join(' | ')} in ${box.clientWidth} px)`);
            }
          }
          for (const bar of document.querySelectorAll('main .mud-table-toolbar')) {
            const b = bar.getBoundingClientRect();
            for (const el of bar.querySelectorAll('button, [role=status], .mud-chip')) {
              if (!shown(el)) continue;
              const r = el.getBoundingClientRect();
              if (r.top < b.top - 1 || r.bottom > b.bottom + 1) problems.push(`"${name(el)}" sticks out of the grid's toolbar`);
            }
            const head = bar.closest('.mud-table')?.querySelector('thead');
            if (head && head.getBoundingClientRect().top < b.bottom - 1) problems.push('the toolbar covers the column headers');
          }
          return problems;
        }
        """;

    /// <summary>When the page is wider than the window: the deepest elements that stick out (empty when it fits).</summary>
    internal const string SidewaysScript = """
        () => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width + 1) return [];
          return [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > width + 1 && ![...el.children].some(c => c.getBoundingClientRect().right > width + 1))
            .slice(0, 5).map(el => `${el.tagName.toLowerCase()}.${el.className} "${(el.innerText || '').slice(0, 40)}" ends at ${Math.round(el.getBoundingClientRect().right)} px`);
        }
        """;

    public static TheoryData<int, int> DesktopSizes => new() { { 1280, 800 }, { 1366, 768 }, { 1440, 900 } };

    [Theory]
    [MemberData(nameof(DesktopSizes))]
    public async Task EveryToolbarButtonColumnHeaderAndRowActionIsOnScreenOnALaptop(int width, int height)
    {
        var page = await SignedInBrowser.OpenAsync(browser, world.Factory.BaseAddress, width, height);
        foreach (var path in GridPages)
        {
            await SignedInBrowser.GotoLiveAsync(page, path);
            await WaitForRowsAsync(page, path);
            await AssertEverythingOnScreenAsync(page, $"{path} at {width}×{height}");
        }

        // A group chosen (its Group reports menu enabled) and rows selected with the "Assign to graders" bulk action.
        var pending = string.Create(CultureInfo.InvariantCulture, $"/results?status=PendingGrading&group={world.PendingGroupId}");
        await SignedInBrowser.GotoLiveAsync(page, pending);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Group reports" })).ToBeEnabledAsync();
        var boxes = page.Locator(".results-grid tbody input[type=checkbox]");
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await Assertions.Expect(page.GetByTestId("results-selected")).ToHaveTextAsync("2 selected");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Assign to graders" })).ToBeEnabledAsync();
        await AssertEverythingOnScreenAsync(page, $"{pending} with 2 rows selected at {width}×{height}");

        // The long names end in an ellipsis with the full name as the tooltip.
        var name = page.Locator(".results-grid tbody .candidate-name").First;
        Assert.Contains(ProductWorld.LongNameSuffix, await name.GetAttributeAsync("title"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnAPhoneEachRowsActionsAreOnScreenAndWork()
    {
        var page = await SignedInBrowser.OpenAsync(browser, world.Factory.BaseAddress, 390, 844);

        // The app bar keeps sign-out on screen.
        await SignedInBrowser.GotoLiveAsync(page, "/results");
        var signOut = page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await AssertInsideWidthAsync(page, signOut, "Sign out");

        foreach (var path in GridPages)
        {
            await SignedInBrowser.GotoLiveAsync(page, path);
            await WaitForRowsAsync(page, path);
            var overflowing = await page.EvaluateAsync<string[]>(SidewaysScript);
            Assert.True(overflowing.Length == 0, $"{path} scrolls sideways at 390 px: {string.Join("; ", overflowing)}");
            var actions = RowActions(page, path);
            var count = await actions.CountAsync();
            if (path != "/results/today")
            {
                Assert.True(count > 0, $"{path} shows no row action at 390 px");
            }

            for (var i = 0; i < count; i++)
            {
                await AssertInsideWidthAsync(page, actions.Nth(i), $"{path} row action {i}");
            }
        }

        // They work: the analysis from the Results grid, Grade from the grading queue.
        await SignedInBrowser.GotoLiveAsync(page, "/results?status=Completed");
        await page.Locator(".results-grid tbody [data-action=analysis]").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(AnalysisUrl());
        await SignedInBrowser.GotoLiveAsync(page, "/grading");
        await page.GetByRole(AriaRole.Link, new() { Name = "Grade" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(GradeUrl());
        await SignedInBrowser.GotoLiveAsync(page, "/proctoring");
        await WaitForRowsAsync(page, "/proctoring");
        await page.Locator(".proctoring-grid-frame tbody").GetByRole(AriaRole.Button, new() { Name = "Photos" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("close-photos")).ToBeVisibleAsync();
        await AssertInsideWidthAsync(page, page.GetByTestId("close-photos"), "the gallery's Close button");

        // The filters fold away on a phone and open from their toggle.
        await SignedInBrowser.GotoLiveAsync(page, "/results");
        await Assertions.Expect(page.GetByLabel("Test type")).ToBeHiddenAsync();
        await page.GetByTestId("filters-toggle").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Test type")).ToBeVisibleAsync();
    }

    /// <summary>
    /// The side menu on a laptop is docked and folds to its icons; on a phone it is hidden, out of the Tab order, until
    /// opened over the page, and following one of its links or tapping beside it closes it.
    /// </summary>
    [Fact]
    public async Task TheSideMenuFoldsOnALaptopAndOpensOverThePageOnAPhone()
    {
        var page = await SignedInBrowser.OpenAsync(browser, world.Factory.BaseAddress, 1366, 768);
        await SignedInBrowser.GotoLiveAsync(page, "/results");
        var toggle = page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Toggle menu" });
        var today = page.GetByRole(AriaRole.Link, new() { Name = "Today's results" });
        await Assertions.Expect(today).ToBeVisibleAsync();
        await MainStartsAtAsync(page, 240);

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await MainStartsAtAsync(page, 56);
        Assert.True(await today.IsVisibleAsync(), "folded, the link keeps its icon");
        Assert.Equal(1, await today.Locator(".mud-nav-link-text").EvaluateAsync<int>("e => e.getBoundingClientRect().width"));
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");

        await page.SetViewportSizeAsync(390, 844);
        await SignedInBrowser.GotoLiveAsync(page, "/results");
        await Assertions.Expect(today).ToBeHiddenAsync();
        await MainStartsAtAsync(page, 0);
        await toggle.ClickAsync();
        await Assertions.Expect(today).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await AssertInsideWidthAsync(page, today, "Today's results");
        await today.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/results/today$"));
        await Assertions.Expect(today).ToBeHiddenAsync();

        // Tapping the page beside the open menu closes it.
        await toggle.ClickAsync();
        await Assertions.Expect(today).ToBeVisibleAsync();
        await page.Mouse.ClickAsync(360, 600);
        await Assertions.Expect(today).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
    }

    /// <summary>The docked menu runs from under the app bar to the window's bottom, on a short page and a scrolled one.</summary>
    [Fact]
    public async Task TheSideMenuStaysFullHeightAndInPlaceWhateverThePagesLength()
    {
        var page = await SignedInBrowser.OpenAsync(browser, world.Factory.BaseAddress, 1366, 768);
        const string Edges = "() => { const r = document.getElementById('app-drawer').getBoundingClientRect(); return [Math.round(r.top), Math.round(r.bottom)]; }";

        await SignedInBrowser.GotoLiveAsync(page, "/results?q=no-candidate-is-called-this");
        await Assertions.Expect(page.GetByText("No results for this filter")).ToBeVisibleAsync();
        var shortPage = await page.EvaluateAsync<int[]>(Edges);
        Assert.Equal(new[] { 48, 768 }, shortPage);

        await SignedInBrowser.GotoLiveAsync(page, "/results");
        await WaitForRowsAsync(page, "/results");
        await page.EvaluateAsync("() => window.scrollTo(0, 600)");
        await page.WaitForFunctionAsync("() => window.scrollY > 0");
        var scrolled = await page.EvaluateAsync<int[]>(Edges);
        Assert.Equal(new[] { 48, 768 }, scrolled);
    }

    /// <summary>Waits for the page's main landmark to start at that x (the margin moves with the menu, animated).</summary>
    private static async Task MainStartsAtAsync(IPage page, int left) =>
        await page.WaitForFunctionAsync("left => Math.round(document.querySelector('main').getBoundingClientRect().left) === left", left,
            new PageWaitForFunctionOptions { Timeout = 5000 });

    [Fact]
    public async Task TheFaviconAnswersAndAPageLoadsWithoutAConsoleError()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = world.Factory.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                errors.Add($"{response.Status} {response.Url}");
            }
        };

        await page.GotoAsync("/account/login");
        var href = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href), "the pages link no icon");
        var icon = await page.APIRequest.GetAsync(href);
        Assert.Equal(200, icon.Status);
        Assert.StartsWith("image/", icon.Headers["content-type"], StringComparison.Ordinal);
        // Browsers ask for /favicon.ico wherever no page names an icon (a download or API answer opened in a tab).
        Assert.Equal(200, (await page.APIRequest.GetAsync("/favicon.ico")).Status);

        var signIn = new Dashboard.Tests.Browser.Pages.SignInPage(page);
        await signIn.SignInAsync(ProductWorld.OwnerEmail, ProductWorld.Password);
        await page.WaitForURLAsync(ResultsPath());
        await SignedInBrowser.GotoLiveAsync(page, "/results");
        await SignedInBrowser.GotoLiveAsync(page, "/jobs");
        Assert.Empty(errors);
    }

    internal static ILocator RowActions(IPage page, string path) => path switch
    {
        "/jobs" => page.GetByTestId("jobs-table").Locator("tbody a, tbody button"),
        "/grading" => page.Locator("main tbody").GetByRole(AriaRole.Link, new() { Name = "Grade" }),
        "/proctoring" => page.Locator(".proctoring-grid-frame tbody button"),
        "/results/certificates" or "/results/attestations" => page.Locator(".document-list tbody button"),
        _ => page.Locator(".results-grid tbody [data-action]"),
    };

    internal static async Task WaitForRowsAsync(IPage page, string path)
    {
        switch (path)
        {
            case "/jobs":
                await page.GetByTestId("jobs-table").Locator("tbody tr").First.WaitForAsync();
                break;
            case "/grading":
                await page.Locator("main tbody tr").First.WaitForAsync();
                break;
            case "/results/today":
                break;
            case "/proctoring":
                await page.Locator(".proctoring-grid-frame tbody tr.mud-table-row").First.WaitForAsync();
                break;
            case "/results/certificates" or "/results/attestations":
                await page.Locator(".document-list tbody tr.mud-table-row").First.WaitForAsync();
                break;
            default:
                await page.Locator(".results-grid tbody tr.mud-table-row").First.WaitForAsync();
                break;
        }
    }

    internal static async Task AssertEverythingOnScreenAsync(IPage page, string what)
    {
        var problems = await page.EvaluateAsync<string[]>(OffScreenScript);
        Assert.True(problems.Length == 0, $"{what}: {string.Join("; ", problems)}");
    }

    internal static async Task AssertInsideWidthAsync(IPage page, ILocator element, string what)
    {
        await element.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(element).ToBeVisibleAsync();
        var box = await element.BoundingBoxAsync();
        Assert.NotNull(box);
        var width = page.ViewportSize!.Width;
        Assert.True(box.X >= 0 && box.X + box.Width <= width, $"{what} spans {box.X:0}–{box.X + box.Width:0} px in a {width} px window");
    }

    [GeneratedRegex("/results/analysis/\\d+")]
    private static partial Regex AnalysisUrl();

    [GeneratedRegex("/grading/\\d+")]
    private static partial Regex GradeUrl();

    [GeneratedRegex("/results")]
    private static partial Regex ResultsPath();
}
