using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Live;
using Dashboard.Core.Results;
using Dashboard.Tests.Browser.Pages;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web.Sittings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Dashboard.Tests.Browser.Live;

/// <summary>
/// Live Results pages share one read per account and view after a change (issue 15 item 3), through the real host and
/// real Chromium pages: two viewers of the same filter cost one query per change, and two accounts on the same filter
/// never see each other's rows.
/// </summary>
[Trait("Category", "Browser")]
public sealed class SharedLiveResultsTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly LocatorAssertionsToBeVisibleOptions Within = new() { Timeout = 20_000 };
    private readonly DashboardWebFactory _factory = new();
    private readonly PageQueries _queries = new();

    public Task InitializeAsync()
    {
        // Counts the page reads the real query makes (it still makes them): the grid's only way to its rows.
        _factory.TestServices.Add(services =>
        {
            var real = services.Single(d => d.ServiceType == typeof(IResultsQuery));
            services.Remove(real);
            services.AddScoped<IResultsQuery>(sp => new CountingResultsQuery(
                (IResultsQuery)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!), _queries, sp.GetRequiredService<AccountScope>()));
        });
        _factory.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task TwoPagesOnTheSameFilterCostOneQueryPerChange()
    {
        var world = new SittingsWebWorld(_factory);
        var acme = await world.DemoAccountIdAsync();
        var registration = await world.RegisterNewCandidateAsync(acme, $"Sharedview{Guid.NewGuid():N}"[..20]);
        var first = await OpenAsync("owner@acme.test", "/results/today");
        var second = await OpenAsync("owner@acme.test", "/results/today");
        var changes = 0;
        using var counting = _factory.Services.GetRequiredService<IAccountFeed<ResultsChange>>()
            .Subscribe(acme, _ => Task.FromResult(Interlocked.Increment(ref changes)));
        var before = _queries.Count;

        await PostCompletionAsync(world, acme, registration.Id);

        await Assertions.Expect(Row(first, registration.Candidate!.LastName)).ToBeVisibleAsync(Within);
        await Assertions.Expect(Row(second, registration.Candidate!.LastName)).ToBeVisibleAsync(Within);
        await Task.Delay(ResultsGridDebounce * 4);
        foreach (var read in _queries.Log.Skip(before))
        {
            output.WriteLine(read);
        }

        // The reloads a change causes are the shared ones; a page's own first load may still land after `before`.
        Assert.Equal(1, changes);
        Assert.Equal(1, _queries.Log.Skip(before).Count(read => read.EndsWith(" shared", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheSharedPagesNeverShowOneAccountsRowsToAnother()
    {
        var world = new SittingsWebWorld(_factory);
        var acme = await world.DemoAccountIdAsync();
        var globex = await GlobexAccountIdAsync();
        var acmeRow = await world.RegisterNewCandidateAsync(acme, $"Acmeonly{Guid.NewGuid():N}"[..18]);
        var globexRow = await world.RegisterNewCandidateAsync(globex, $"Globexonly{Guid.NewGuid():N}"[..20]);
        // The same view in both accounts: the default Results page, first page, newest first.
        var acmePage = await OpenAsync("owner@acme.test", "/results");
        var globexPage = await OpenAsync("owner@globex.test", "/results");

        await PostCompletionAsync(world, acme, acmeRow.Id);
        await Assertions.Expect(Row(acmePage, acmeRow.Candidate!.LastName)).ToBeVisibleAsync(Within);
        await PostCompletionAsync(world, globex, globexRow.Id);
        await Assertions.Expect(Row(globexPage, globexRow.Candidate!.LastName)).ToBeVisibleAsync(Within);
        await Task.Delay(ResultsGridDebounce * 4);

        Assert.Equal(0, await Row(globexPage, acmeRow.Candidate.LastName).CountAsync());
        Assert.Equal(0, await Row(acmePage, globexRow.Candidate.LastName).CountAsync());
        Assert.Contains(acmeRow.Id, _queries.Rows(acme));
        Assert.DoesNotContain(acmeRow.Id, _queries.Rows(globex));
    }

    private static TimeSpan ResultsGridDebounce => TimeSpan.FromMilliseconds(250);

    private static ILocator Row(IPage page, string lastName) =>
        page.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = lastName });

    private async Task<IPage> OpenAsync(string email, string path)
    {
        var page = await browser.NewPageAsync(_factory.BaseAddress);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync(path);
        await signIn.SignInAsync(email, SignInPage.DemoPassword);
        await page.WaitForURLAsync($"**{path}");
        // Rows and the live subscription exist only once the circuit is connected.
        await page.GetByTestId("live-indicator").WaitForAsync();
        await page.GetByRole(AriaRole.Row).Nth(1).WaitForAsync();
        return page;
    }

    private async Task PostCompletionAsync(SittingsWebWorld world, int accountId, int registrationId)
    {
        using var api = new HttpClient { BaseAddress = _factory.BaseAddress };
        using var response = await SittingsWebWorld.PostAsync(api, await world.ApiKeyAsync(accountId),
            new { events = new[] { SittingsWebWorld.Event("sittingCompleted", registrationId, DateTimeOffset.UtcNow) } });
        response.EnsureSuccessStatusCode();
    }

    private async Task<int> GlobexAccountIdAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Users.IgnoreQueryFilters().Where(u => u.NormalizedEmail == "OWNER@GLOBEX.TEST").Select(u => u.AccountId).FirstAsync();
    }

    /// <summary>The page reads of the host's real queries, with the account each read was for and the rows it returned.</summary>
    private sealed class PageQueries
    {
        private readonly Lock _lock = new();
        private readonly List<(int? AccountId, IReadOnlyList<int> Rows)> _reads = [];
        private readonly List<string> _log = [];

        /// <summary>Each read as the test's output shows it: when, for which account and view, from which caller.</summary>
        public IReadOnlyList<string> Log
        {
            get
            {
                lock (_lock)
                {
                    return [.. _log];
                }
            }
        }

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _reads.Count;
                }
            }
        }

        public void Add(int? accountId, IReadOnlyList<int> rows, string description)
        {
            lock (_lock)
            {
                _reads.Add((accountId, rows));
                _log.Add(description);
            }
        }

        public HashSet<int> Rows(int accountId)
        {
            lock (_lock)
            {
                return [.. _reads.Where(r => r.AccountId == accountId).SelectMany(r => r.Rows)];
            }
        }
    }

    private sealed class CountingResultsQuery(IResultsQuery inner, PageQueries queries, AccountScope scope) : IResultsQuery
    {
        public async Task<ResultsPage> GetPageAsync(ResultsPageRequest request, CancellationToken cancellationToken = default)
        {
            var shared = new System.Diagnostics.StackTrace().ToString().Contains(nameof(SharedResultsPages), StringComparison.Ordinal);
            var page = await inner.GetPageAsync(request, cancellationToken);
            queries.Add(scope.AccountId, [.. page.Rows.Select(r => r.Id)],
                $"{DateTime.UtcNow:HH:mm:ss.fff} account {scope.AccountId} {ViewOf(request)} {(shared ? "shared" : "alone")}");
            return page;
        }

        private static ResultsPageRequest ViewOf(ResultsPageRequest request) => request with { From = null };

        public Task<int> CountAsync(ResultsFilter filter, CancellationToken cancellationToken = default) => inner.CountAsync(filter, cancellationToken);

        public IAsyncEnumerable<ResultRow> StreamAsync(ResultsFilter filter, string? sortKey = null, bool descending = false, CancellationToken cancellationToken = default) =>
            inner.StreamAsync(filter, sortKey, descending, cancellationToken);
    }
}
