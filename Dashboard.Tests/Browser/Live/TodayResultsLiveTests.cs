using System.Diagnostics;
using System.Globalization;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web.Sittings;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Tests.Browser.Live;

/// <summary>Today's results in Chromium while completions are posted to the event API: each row must appear within a second.</summary>
[Trait("Category", "Browser")]
public sealed class TodayResultsLiveTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const int Events = 10;
    private static readonly TimeSpan MaxLatency = TimeSpan.FromSeconds(1);
    private readonly DashboardWebFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ACompletionPostedToTheApiAppearsOnTodaysResultsWithinOneSecond()
    {
        var world = new SittingsWebWorld(_factory);
        var accountId = await world.DemoAccountIdAsync();
        var key = await world.ApiKeyAsync(accountId);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var registrations = new List<(int Id, string LastName)>();
        // The first one warms up (JIT, EF query compilation) and is not measured.
        for (var i = 0; i <= Events; i++)
        {
            var lastName = $"Livetest{i}x{tag}";
            registrations.Add(((await world.RegisterNewCandidateAsync(accountId, lastName)).Id, lastName));
        }

        var page = await browser.NewPageAsync(_factory.BaseAddress);
        await OpenTodaysResultsAsync(page);
        using var api = new HttpClient { BaseAddress = _factory.BaseAddress };

        var latencies = new List<double>();
        foreach (var (id, lastName) in registrations)
        {
            var warmUp = latencies.Count == 0 && id == registrations[0].Id;
            var row = page.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = lastName });
            Assert.Equal(0, await row.CountAsync());
            // A MutationObserver in the page timestamps the row's arrival: Playwright's own polling slows to every
            // 500 ms after the first checks and would measure its cadence, not the app.
            await page.EvaluateAsync(WatchForRowScript, lastName);
            var postedAt = await page.EvaluateAsync<double>("() => performance.now()");
            var stopwatch = Stopwatch.StartNew();
            using var response = await SittingsWebWorld.PostAsync(api, key,
                new { events = new[] { SittingsWebWorld.Event("sittingCompleted", id, DateTimeOffset.UtcNow) } });
            response.EnsureSuccessStatusCode();
            var answered = stopwatch.Elapsed.TotalMilliseconds;
            var seenAt = await page.EvaluateAsync<double>("() => window.__rowSeen").WaitAsync(TimeSpan.FromSeconds(10));
            await Assertions.Expect(row).ToBeVisibleAsync();
            var latency = seenAt - postedAt;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"registration {id}: row in the page {latency:F0} ms after the POST started (API answered in {answered:F0} ms){(warmUp ? " — warm-up, not counted" : "")}"));
            if (!warmUp)
            {
                latencies.Add(latency);
            }
        }

        var p95 = Percentile(latencies, 0.95);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"POST → row visible over {Events} events: p50 {Percentile(latencies, 0.5):F0} ms, p95 {p95:F0} ms, max {latencies.Max():F0} ms"));
        Assert.True(p95 < MaxLatency.TotalMilliseconds, $"p95 latency {p95:F0} ms is not under {MaxLatency.TotalMilliseconds} ms");
    }

    /// <summary>Resolves <c>window.__rowSeen</c> with <c>performance.now()</c> when a table row containing the text is in the DOM.</summary>
    internal const string WatchForRowScript = """
        text => {
            window.__rowSeen = new Promise(resolve => {
                const found = () => [...document.querySelectorAll('tr')].some(tr => tr.textContent.includes(text));
                const observer = new MutationObserver(() => {
                    if (found()) {
                        observer.disconnect();
                        resolve(performance.now());
                    }
                });
                observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            });
        }
        """;

    private static async Task OpenTodaysResultsAsync(IPage page)
    {
        await page.GotoAsync("/results/today");
        if (page.Url.Contains("/account/login", StringComparison.OrdinalIgnoreCase))
        {
            // Once sign-in is on, the demo owner signs in (the development settings hold the demo password).
            await page.Locator("#email").FillAsync("owner@acme.test");
            await page.Locator("#password").FillAsync("Demo-2026!");
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync("**/results/today**");
        }

        // Rows and the live subscription exist only once the circuit is connected.
        await page.GetByTestId("live-indicator").WaitForAsync();
        await page.GetByRole(AriaRole.Row).Nth(1).WaitForAsync();
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
