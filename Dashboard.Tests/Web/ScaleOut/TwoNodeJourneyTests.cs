using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Bulk;
using Dashboard.Core.Results;
using Dashboard.Tests.Browser.Live;
using Dashboard.Tests.Browser.Pages;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web.Sittings;
using Microsoft.Playwright;
using MimeKit;
using Xunit.Abstractions;

namespace Dashboard.Tests.Web.ScaleOut;

/// <summary>
/// Issue 14's two-node check, on the app as deployed: two processes of the published app on one PostgreSQL database
/// behind nginx with deploy/nginx.conf. One journey, in order, because its last step kills a node.
/// </summary>
[Trait("Provider", "Postgres")]
[Trait("Category", "Browser")]
public sealed partial class TwoNodeJourneyTests(BrowserFixture browser, TwoNodeCluster cluster, ITestOutputHelper output)
    : IClassFixture<BrowserFixture>, IClassFixture<TwoNodeCluster>
{
    // The first is a warm-up; the median and the worst of the others are printed.
    private const int CrossNodeEvents = 6;

    // Bounds for a loaded machine, not timings: latency is measured and printed.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BulkBound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task SignInLiveResultsAndBulkSendsWorkAcrossNodesAndAKilledNodesSendIsFinishedByTheOther()
    {
        try
        {
            await JourneyAsync();
        }
        finally
        {
            output.WriteLine("Where the time went:\n" + cluster.Timings.Report());
        }
    }

    private async Task JourneyAsync()
    {
        var step = Stopwatch.StartNew();
        // Both schedulers run with the check-in the cluster's settings gave them (Bulk:ClusterCheckinSeconds = 1).
        Assert.Equal([1000L, 1000L], cluster.CheckinIntervals());
        var world = new TwoNodeWorld(cluster.ConnectionString);
        var accountId = await world.DemoAccountIdAsync();
        output.WriteLine($"nginx sends this client to node {cluster.Front.Name} (:{cluster.Front.Port}); the other is {cluster.Other.Name} (:{cluster.Other.Port})");

        // 1. Signed in through nginx (the front node), the same browser is signed in on the other node.
        var front = await browser.NewPageAsync(cluster.Nginx.BaseAddress);
        // A node's first page compiles everything it shows: bounded generously for a loaded machine.
        front.Context.SetDefaultTimeout(60_000);
        var signIn = new SignInPage(front);
        await signIn.GotoAsync("/results");
        await signIn.SignInAsync(SignInPage.DemoOwnerEmail, SignInPage.DemoPassword);
        // Leaving the sign-in page means its response set the cookie: both nodes' first pages then load side by side.
        await Assertions.Expect(front).Not.ToHaveURLAsync(new Regex("/account/login", RegexOptions.IgnoreCase));
        var other = await front.Context.NewPageAsync();
        await Task.WhenAll(
            signIn.SignedInName.WaitForAsync(),
            other.GotoAsync(new Uri(cluster.Other.BaseAddress, "results/today").ToString()));
        Assert.True(await MudBlazorStylesLoadedAsync(front), "MudBlazor's stylesheet did not load through nginx");
        Assert.DoesNotContain("/account/login", other.Url, StringComparison.OrdinalIgnoreCase);
        await other.GetByTestId("live-indicator").WaitForAsync(new() { Timeout = 60_000 });
        Lap(step, "1. sign-in through nginx, signed in on the other node (first pages of both)");

        // 2. A sitting completed through the front node's API appears on Today's results served by the other node.
        var key = await world.ApiKeyAsync(accountId);
        using var api = new HttpClient { BaseAddress = cluster.Front.BaseAddress };
        var tag = Guid.NewGuid().ToString("N")[..6];
        var sittings = new List<(string LastName, int Id)>();
        for (var i = 0; i < CrossNodeEvents; i++)
        {
            var lastName = $"Crossnode{i}x{tag}";
            sittings.Add((lastName, (await world.RegistrationToTakeAsync(accountId, lastName)).Id));
        }

        var latencies = new List<double>();
        foreach (var (i, (lastName, registrationId)) in sittings.Index())
        {
            await other.EvaluateAsync(TodayResultsLiveTests.WatchForRowScript, lastName);
            var postedAt = await other.EvaluateAsync<double>("() => performance.now()");
            using var response = await SittingsWebWorld.PostAsync(api, key,
                new { events = new[] { SittingsWebWorld.Event("sittingCompleted", registrationId, DateTimeOffset.UtcNow) } });
            response.EnsureSuccessStatusCode();
            var seenAt = await other.EvaluateAsync<double>("() => window.__rowSeen").WaitAsync(Bound);
            await Assertions.Expect(other.GetByRole(AriaRole.Row).Filter(new() { HasText = lastName })).ToBeVisibleAsync();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"event {i} posted to {cluster.Front.Name}: row on {cluster.Other.Name}'s Today's results {seenAt - postedAt:F0} ms after the POST started{(i == 0 ? " (warm-up)" : "")}"));
            if (i > 0)
            {
                latencies.Add(seenAt - postedAt);
            }
        }

        latencies.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cross-node latency, POST to A → row on B's page, {latencies.Count} events after the warm-up: median {latencies[latencies.Count / 2]:F0} ms, worst {latencies[^1]:F0} ms"));
        Lap(step, $"2. {CrossNodeEvents} sitting events on the front node, each row seen on the other node's page");

        // 3. With both schedulers up, a bulk send runs once: one email per candidate, one notice to the owner.
        var small = await world.CompletedGroupAsync(accountId, "Paris " + tag, 4);
        cluster.Smtp.Reset();
        await ChooseGroupAsync(front, small.GroupName);
        await SendEachCandidateTheirReportAsync(front);
        Lap(step, "3a. bulk send of 4 requested through the page");
        var once = await world.FinishedBulkRequestAsync(accountId, BulkBound);
        Assert.Equal((BulkStatus.Completed, 4, 4), (once.Status, once.ItemsDone, once.ItemsTotal));
        var messages = await cluster.Smtp.WaitForAsync(5);
        AssertOneEmailEach(messages, small.Candidates.Select(c => c.Email));
        Assert.Single(messages, m => Recipient(m) == SignInPage.DemoOwnerEmail);
        Lap(step, "3b. bulk send of 4 run with both schedulers up, every email checked");

        // 4. kill -9 of the node sending a bulk send, while the SMTP server holds its third message: the other node
        //    takes the request over and the SMTP server receives every candidate's email exactly once.
        var large = await world.CompletedGroupAsync(accountId, "Lyon " + tag, 12);
        var emails = large.Candidates.Select(c => c.Email).ToHashSet();
        cluster.Smtp.Reset();
        var killed = new TaskCompletionSource<NodeProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopwatch = new Stopwatch();
        var inFlight = "";
        cluster.Smtp.Stored = message =>
        {
            if (!killed.Task.IsCompleted && cluster.Smtp.Messages.Count(m => emails.Contains(Recipient(m))) == 3)
            {
                var node = cluster.NodeExecutingBulkRequest();
                node.KillHard();
                stopwatch.Start();
                inFlight = Recipient(message);
                killed.TrySetResult(node);
            }
        };
        // The group's view opened by its link (the picker was worked through in step 3).
        await front.GotoAsync($"/results?{ResultsUrl.Group}={large.GroupId}");
        // The prerendered menu button does nothing until the circuit is up; the live chip shows when it is.
        await front.GetByTestId("live-indicator").WaitForAsync();
        await SendEachCandidateTheirReportAsync(front);
        Lap(step, "4a. bulk send of 12 requested through the page (the group's link)");
        var victim = await killed.Task.WaitAsync(BulkBound);
        Lap(step, "4b. its first three emails, up to the kill");
        var recovered = await world.FinishedBulkRequestAsync(accountId, BulkBound + BulkBound);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"killed node {victim.Name} at the third email; the request finished {stopwatch.Elapsed.TotalSeconds:F1} s later as {recovered.Status}"));
        Assert.True(victim.HasExited);
        Assert.Equal((BulkStatus.CompletedWithFailures, 12, 12), (recovered.Status, recovered.ItemsDone, recovered.ItemsTotal));
        messages = await cluster.Smtp.WaitForAsync(13);
        AssertOneEmailEach(messages, emails);
        Assert.Single(messages, m => Recipient(m) == SignInPage.DemoOwnerEmail);
        // The message the dead node never heard accepted is not sent again: the owner is told its delivery is unknown.
        Assert.Equal(BulkMessages.DeliveryUnknown(inFlight, recovered.Language), Assert.Single(recovered.Failures).Message);
        Lap(step, "4c. kill -9 to the request finished by the other node, every email checked");
    }

    private void Lap(Stopwatch step, string phase)
    {
        cluster.Timings.Add(phase, step.Elapsed);
        step.Restart();
    }

    private static void AssertOneEmailEach(IReadOnlyList<MimeMessage> messages, IEnumerable<string> recipients) =>
        Assert.All(recipients, email => Assert.Single(messages, m => Recipient(m) == email));

    private static string Recipient(MimeMessage message) => message.To.Mailboxes.Single().Address;

    /// <summary>Results → the group picked in the filter.</summary>
    private static async Task ChooseGroupAsync(IPage page, string groupName)
    {
        await page.GotoAsync("/results");
        await Assertions.Expect(page.GetByText(TotalText())).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var groupFilter = page.GetByRole(AriaRole.Combobox, new() { Name = "Group", Exact = true });
        await groupFilter.ClickAsync();
        // Its first word narrows the list enough (the tests' group names are "City tag"); the exact name is clicked.
        await groupFilter.PressSequentiallyAsync(groupName.Split(' ')[0]);
        await page.GetByRole(AriaRole.Option, new() { Name = groupName, Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("group="), new() { Timeout = 60_000 });
    }

    /// <summary>On a group's results: Group reports → "Send each candidate their report" → Confirm.</summary>
    private static async Task SendEachCandidateTheirReportAsync(IPage page)
    {
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Group reports" });
        await Assertions.Expect(menu).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await menu.ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Send each candidate their report" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("bulk-test")).ToContainTextAsync("Excel", new() { Timeout = 60_000 });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your request has been registered.")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }

    private static Task<bool> MudBlazorStylesLoadedAsync(IPage page) => page.EvaluateAsync<bool>(
        "() => [...document.styleSheets].some(s => (s.href || '').includes('MudBlazor') && s.cssRules.length > 100)");

    [GeneratedRegex("^[\\d,]+ results?$")]
    private static partial Regex TotalText();
}
