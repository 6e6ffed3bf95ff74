using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// Feed-to-screen latency (issues 7 and 15): the real web app with the demo world, 1, 20 and 50 Chromium pages signed
/// in as the demo owner on Today's results; for each completion posted to the event API, the time from the POST's
/// start until the row is in each page's DOM, split into the server's part (POST → the render batch carrying the row
/// reaches the page's WebSocket) and the browser's (that batch → row in the DOM). Both clocks are Unix ms on this
/// machine; the batch is timestamped by a listener the page adds to every WebSocket before Blazor's own.
/// Usage: feed [--events 10] [--pages 1,20,50] [--registrations 12000]
/// </summary>
public static class FeedLatencyBenchmark
{
    /// <summary>Timestamps every WebSocket message as it arrives, before the page's own handler applies it.</summary>
    private const string TimestampMessagesScript = """
        (() => {
            window.__messages = [];
            const Native = window.WebSocket;
            window.WebSocket = class extends Native {
                constructor(...args) {
                    super(...args);
                    this.addEventListener('message', () => window.__messages.push(performance.timeOrigin + performance.now()));
                }
            };
        })();
        """;

    /// <summary>
    /// Resolves <c>window.__rowSeen</c> with [seen, batch] once a table row containing the text is in the DOM: when it
    /// was seen and when the last WebSocket message before it (the render batch that added it) arrived.
    /// </summary>
    private const string WatchForRowScript = """
        text => {
            window.__rowSeen = new Promise(resolve => {
                const found = () => [...document.querySelectorAll('tr')].some(tr => tr.textContent.includes(text));
                const observer = new MutationObserver(() => {
                    if (found()) {
                        const seen = performance.timeOrigin + performance.now();
                        observer.disconnect();
                        const batch = window.__messages.filter(m => m <= seen).pop() ?? seen;
                        resolve([seen, batch]);
                    }
                });
                observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            });
        }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var events = BenchArgs.Int(args, "--events", 10);
        var levels = BenchBrowser.Counts(args, "--pages", [1, 20, 50]);
        var demoRegistrations = BenchArgs.Int(args, "--registrations", 12_000);
        var directory = Path.Combine(Path.GetTempPath(), "dashboard-bench-feed", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var app = await BenchBrowser.StartDemoAppAsync(directory, demoRegistrations);
            var baseAddress = BenchWebApp.BaseAddress(app);
            var accountId = await DemoAccountIdAsync(app.Services);
            using var api = await BenchWebApp.ApiClientAsync(app, accountId);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BenchBrowser.LaunchAsync(playwright);
            var storage = await BenchBrowser.SignInAsync(browser, baseAddress);
            var pages = new List<IPage>();
            var tag = Guid.NewGuid().ToString("N")[..6];
            Console.WriteLine(FormattableString.Invariant(
                $"feed: /results/today at {string.Join(", ", levels)} open pages, {events} completions each (+1 warm-up), demo world of {demoRegistrations} registrations"));
            foreach (var level in levels)
            {
                while (pages.Count < level)
                {
                    pages.Add((await BenchBrowser.OpenAsync(browser, baseAddress, storage, "results/today", TimestampMessagesScript)).Page);
                }

                await MeasureLevelAsync(app.Services, api, accountId, pages, events, $"{tag}p{level}");
            }

            // Browser first, so that no circuit outlives the app's services.
            await browser.CloseAsync();
            await BenchWebApp.StopAsync(app);
            return 0;
        }
        finally
        {
            BenchWebApp.DeleteTemporary(directory);
        }
    }

    private static readonly TimeSpan QuietSpell = TimeSpan.FromMilliseconds(400);

    private static async Task MeasureLevelAsync(IServiceProvider services, HttpClient api, int accountId, List<IPage> pages, int events, string tag)
    {
        var all = new List<double>();
        var server = new List<double>();
        var browserSide = new List<double>();
        var slowest = new List<double>();
        for (var i = 0; i <= events; i++)
        {
            // Each event after a quiet spell longer than the grid's live window (250 ms): an event within the window of
            // the last reload waits for its end by design (one reload per window), and at one page the events came
            // back to back, so the level measured the window instead of the latency.
            await Task.Delay(QuietSpell);
            var lastName = $"Feedbench{i}x{tag}";
            var registrationId = await RegisterNewCandidateAsync(services, accountId, lastName);
            await Task.WhenAll(pages.Select(p => p.EvaluateAsync(WatchForRowScript, lastName)));
            var postedAt = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            await BenchWebApp.PostEventsAsync(api, [BenchWebApp.Event("sittingCompleted", registrationId, DateTimeOffset.UtcNow)]);
            var answered = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds - postedAt;
            double[][] seen;
            try
            {
                seen = await Task.WhenAll(pages.Select(p => p.EvaluateAsync<double[]>("() => window.__rowSeen"))).WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                // An overloaded machine: say so and end this level rather than the whole run.
                Console.WriteLine(FormattableString.Invariant($"  {pages.Count} pages, event {i}: the row was not on every page within 60 s; level stopped; load average {BenchBrowser.LoadAverage()}"));
                break;
            }

            var latencies = seen.Select(s => s[0] - postedAt).Order().ToArray();
            Console.WriteLine(FormattableString.Invariant(
                $"  {pages.Count} pages, {(i == 0 ? "warm-up" : $"event {i}")}: API answered in {answered:F0} ms; row visible after median {Timing.Percentile(latencies, 0.5):F0} ms, slowest page {latencies[^1]:F0} ms"));
            if (i > 0)
            {
                all.AddRange(latencies);
                server.AddRange(seen.Select(s => s[1] - postedAt));
                browserSide.AddRange(seen.Select(s => s[0] - s[1]));
                slowest.Add(latencies[^1]);
            }
        }

        if (all.Count == 0)
        {
            return;
        }

        Console.WriteLine(FormattableString.Invariant(
            $"feed {pages.Count} pages: POST → row visible over {slowest.Count} events × {pages.Count} pages: {Stats(all)}; server (POST → batch at the page) {Stats(server)}; browser (batch → row) {Stats(browserSide)}; slowest page per event p95 {Timing.Percentile([.. slowest.Order()], 0.95):F0} ms, max {slowest.Max():F0} ms; load average {BenchBrowser.LoadAverage()}"));
    }

    private static string Stats(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return FormattableString.Invariant($"median {Timing.Percentile(sorted, 0.5):F0} ms, p95 {Timing.Percentile(sorted, 0.95):F0} ms");
    }

    private static async Task<int> DemoAccountIdAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Users.IgnoreQueryFilters().Where(u => u.NormalizedEmail == "OWNER@ACME.TEST").Select(u => u.AccountId).FirstAsync();
    }

    /// <summary>A new candidate with a unique last name, registered (to be taken) in the demo account's first open group.</summary>
    private static async Task<int> RegisterNewCandidateAsync(IServiceProvider services, int accountId, string lastName)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId, "Bench");
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var groupId = await db.Groups.Where(g => !g.IsArchived).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync();
        var subjectId = await db.Subjects.Where(s => s.Questions.Count > 0).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        const string firstName = "Livia";
        var registration = new Registration
        {
            AccountId = accountId, GroupId = groupId, SubjectId = subjectId, Status = RegistrationStatus.ToBeTaken,
            RegisteredAt = DateTimeOffset.UtcNow.AddDays(-1), SortName = TextFold.SortName(lastName, firstName),
            Candidate = new Candidate
            {
                AccountId = accountId, GroupId = groupId, FirstName = firstName, LastName = lastName, Email = $"{Guid.NewGuid():N}@example.test",
            },
        };
        db.Add(registration);
        await db.SaveChangesAsync();
        return registration.Id;
    }
}
