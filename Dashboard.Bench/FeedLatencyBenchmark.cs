using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Bench;

/// <summary>
/// Feed-to-screen latency (issue 7): the real web app with the demo world, 20 Chromium pages signed in as the demo
/// owner on Today's results; for each completion posted to the event API, the time from the POST's start until the
/// row is in each page's DOM (timestamped in the page by a MutationObserver, both clocks Unix ms on this machine).
/// Usage: feed [--events 10] [--pages 20] [--registrations 12000]
/// </summary>
public static class FeedLatencyBenchmark
{
    private const string OwnerEmail = "owner@acme.test";
    private const string DemoPassword = "Demo-2026!";

    /// <summary>Resolves <c>window.__rowSeen</c> with <c>Date.now()</c> once a table row containing the text is in the DOM.</summary>
    private const string WatchForRowScript = """
        text => {
            window.__rowSeen = new Promise(resolve => {
                const found = () => [...document.querySelectorAll('tr')].some(tr => tr.textContent.includes(text));
                const observer = new MutationObserver(() => {
                    if (found()) {
                        observer.disconnect();
                        resolve(Date.now());
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
        var pageCount = BenchArgs.Int(args, "--pages", 20);
        var demoRegistrations = BenchArgs.Int(args, "--registrations", 12_000);
        var directory = Path.Combine(Path.GetTempPath(), "dashboard-bench-feed", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using var app = await BenchWebApp.StartAsync(directory, new Dictionary<string, string?>
            {
                ["Demo:Seed"] = "true",
                ["Demo:Registrations"] = demoRegistrations.ToString(CultureInfo.InvariantCulture),
                ["Demo:AdminPassword"] = DemoPassword,
            });
            var baseAddress = BenchWebApp.BaseAddress(app);
            var accountId = await DemoAccountIdAsync(app.Services);
            using var api = await BenchWebApp.ApiClientAsync(app, accountId);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                ],
            });
            var pages = new List<IPage>();
            for (var i = 0; i < pageCount; i++)
            {
                pages.Add(await OpenTodaysResultsAsync(browser, baseAddress));
            }

            Console.WriteLine(FormattableString.Invariant(
                $"feed: {pageCount} pages on /results/today, {events} completions (+1 warm-up), demo world of {demoRegistrations} registrations"));
            var all = new List<double>();
            var slowest = new List<double>();
            var tag = Guid.NewGuid().ToString("N")[..6];
            for (var i = 0; i <= events; i++)
            {
                var lastName = $"Feedbench{i}x{tag}";
                var registrationId = await RegisterNewCandidateAsync(app.Services, accountId, lastName);
                await Task.WhenAll(pages.Select(p => p.EvaluateAsync(WatchForRowScript, lastName)));
                var postedAt = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
                await BenchWebApp.PostEventsAsync(api, [BenchWebApp.Event("sittingCompleted", registrationId, DateTimeOffset.UtcNow)]);
                var answered = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds - postedAt;
                var seen = await Task.WhenAll(pages.Select(p => p.EvaluateAsync<double>("() => window.__rowSeen"))).WaitAsync(TimeSpan.FromSeconds(30));
                var latencies = seen.Select(s => s - postedAt).Order().ToArray();
                Console.WriteLine(FormattableString.Invariant(
                    $"  {(i == 0 ? "warm-up" : $"event {i}")}: API answered in {answered:F0} ms; row visible after median {Timing.Percentile(latencies, 0.5):F0} ms, slowest page {latencies[^1]:F0} ms"));
                if (i > 0)
                {
                    all.AddRange(latencies);
                    slowest.Add(latencies[^1]);
                }
            }

            var sortedAll = all.Order().ToArray();
            var sortedSlowest = slowest.Order().ToArray();
            Console.WriteLine(FormattableString.Invariant(
                $"feed: POST → row visible over {events} events × {pageCount} pages: median {Timing.Percentile(sortedAll, 0.5):F0} ms, p95 {Timing.Percentile(sortedAll, 0.95):F0} ms; slowest page per event: p95 {Timing.Percentile(sortedSlowest, 0.95):F0} ms, max {sortedSlowest[^1]:F0} ms; load average {LoadAverage()}"));
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

    /// <summary>A browser context of its own, signed in as the demo owner, on Today's results with the live circuit up.</summary>
    private static async Task<IPage> OpenTodaysResultsAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"account/login?returnUrl={Uri.EscapeDataString("/results/today")}");
        await page.GetByLabel("Email").FillAsync(OwnerEmail);
        await page.GetByLabel("Password").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/results/today**");
        await page.GetByTestId("live-indicator").WaitForAsync();
        return page;
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

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
