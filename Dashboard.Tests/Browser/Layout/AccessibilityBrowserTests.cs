using Deque.AxeCore.Playwright;
using Dashboard.Tests.Browser.Pages;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Layout;

/// <summary>Issue 11: axe-core on every page of the product, signed in as the owner (and the sign-in page): no serious or critical violation.</summary>
[Trait("Category", "Browser")]
public sealed class AccessibilityBrowserTests(BrowserFixture browser, ProductWorld world)
    : IClassFixture<BrowserFixture>, IClassFixture<ProductWorld>
{
    [Fact]
    public async Task NoPageHasASeriousOrCriticalAccessibilityViolation()
    {
        var problems = new List<string>();

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = world.Factory.BaseAddress.ToString() });
        var anonymous = await context.NewPageAsync();
        await new SignInPage(anonymous).GotoAsync("/results");
        problems.AddRange(await SeriousViolationsAsync(anonymous, "sign-in"));
        // The candidate's public explanation page, here with a link that no longer holds.
        await anonymous.GotoAsync("/proctoring/explain?token=expired-or-tampered");
        await anonymous.Locator("h1").First.WaitForAsync();
        problems.AddRange(await SeriousViolationsAsync(anonymous, "/proctoring/explain"));

        var page = await SignedInBrowser.OpenAsync(browser, world.Factory.BaseAddress, 1366, 768);
        foreach (var path in world.EveryPage())
        {
            await SignedInBrowser.GotoLiveAsync(page, path);
            await page.Locator("main h1").First.WaitForAsync();
            await page.WaitForFunctionAsync("() => document.title.length > 0");
            problems.AddRange(await SeriousViolationsAsync(page, path));
        }

        Assert.True(problems.Count == 0, "axe-core found:\n" + string.Join("\n", problems));
    }

    private static async Task<IEnumerable<string>> SeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{what}: [{v.Impact}] {v.Id} — {v.Help} — " +
                string.Join(" | ", v.Nodes.Take(3).Select(n => $"{n.Target} {(n.Html.Length > 120 ? n.Html[..120] : n.Html)}")));
    }
}
