using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Results;

/// <summary>
/// Seek paging (next/previous from the page on screen) and jumps (from an end or an anchor) against plain OFFSET
/// paging of the same order, over rows tied on every key. Anchors are kept every 4 rows so a few dozen rows reach them.
/// </summary>
public sealed class ResultsSeekPagingTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const int PageSize = 3;
    private readonly AccountFeed<ResultsChange> _feed = new();
    private PageAnchors _anchors = null!;
    private WorldBuilder _world = null!;
    private Account _account = null!;
    private Candidate[] _candidates = [];
    private Group[] _groups = [];
    private Subject[] _subjects = [];

    public async Task InitializeAsync()
    {
        _anchors = new PageAnchors(_feed, database.Time, spacing: 4);
        _world = new WorldBuilder(database);
        _subjects = [await _world.SubjectAsync("Word"), await _world.SubjectAsync("Excel"), await _world.SubjectAsync("Word")];
        _account = await _world.AccountAsync();
        _groups = [await _world.GroupAsync(_account, "Sales"), await _world.GroupAsync(_account, "Finance"), await _world.GroupAsync(_account, "Sales")];
        var names = new[] { ("Anne", "Martin"), ("Anne", "Martin"), ("Émile", "Abadie"), ("Zoé", "Martin") };
        _candidates = new Candidate[names.Length * 2];
        for (var i = 0; i < _candidates.Length; i++)
        {
            _candidates[i] = await _world.CandidateAsync(_groups[i % _groups.Length], names[i % names.Length].Item1, names[i % names.Length].Item2);
        }

        var statuses = Enum.GetValues<RegistrationStatus>();
        var now = database.Time.GetUtcNow();
        for (var i = 0; i < 31; i++)
        {
            // Ties on every key: equal names, equal scores, equal dates, and NULLs for sittings not taken or not finished.
            await _world.RegistrationAsync(_candidates[i % _candidates.Length], _subjects[i % _subjects.Length], statuses[i % statuses.Length],
                score: 400 + (100 * (i % 3)), completedAt: now.AddHours(-(i % 4)));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(ResultsQuerySortingTests.SortKeys), MemberType = typeof(ResultsQuerySortingTests))]
    public async Task NextAndPreviousPagesReadFromTheirNeighbourAreThePagesOffsetGives(string key, bool descending)
    {
        var expected = await OffsetOrderAsync(key, descending);
        var pages = (expected.Count + PageSize - 1) / PageSize;

        var forward = await PageAsync(key, descending, 0);
        Assert.Equal(expected.Take(PageSize), Ids(forward));
        for (var page = 1; page < pages; page++)
        {
            forward = await PageAsync(key, descending, page, forward.Bounds);
            Assert.Equal(expected.Skip(page * PageSize).Take(PageSize), Ids(forward));
            Assert.Equal(expected.Count, forward.TotalCount);
        }

        var backward = forward;
        for (var page = pages - 2; page >= 0; page--)
        {
            backward = await PageAsync(key, descending, page, backward.Bounds);
            Assert.Equal(expected.Skip(page * PageSize).Take(PageSize), Ids(backward));
        }
    }

    [Theory]
    [MemberData(nameof(ResultsQuerySortingTests.SortKeys), MemberType = typeof(ResultsQuerySortingTests))]
    public async Task AJumpToAnyPageOrTheLastIsThePageOffsetGives(string key, bool descending)
    {
        var expected = await OffsetOrderAsync(key, descending);
        var pages = (expected.Count + PageSize - 1) / PageSize;

        // Middle pages come from the anchors, pages near either end from that end; in both orders of visit.
        foreach (var page in Enumerable.Range(0, pages + 1).Reverse().Concat(Enumerable.Range(0, pages + 1)))
        {
            var result = await PageAsync(key, descending, page);
            Assert.Equal(expected.Skip(page * PageSize).Take(PageSize), Ids(result));
            Assert.Equal(expected.Count, result.TotalCount);
            Assert.False(result.TotalIsLowerBound);
        }
    }

    [Fact]
    public async Task BoundsOfAnotherSortOrPageSizeAreIgnored()
    {
        var byName = await PageAsync(ResultsSortKeys.Name, false, 3);
        var expected = await OffsetOrderAsync(ResultsSortKeys.CompletedAt, true);

        var page = await PageAsync(ResultsSortKeys.CompletedAt, true, 4, byName.Bounds);

        Assert.Equal(expected.Skip(4 * PageSize).Take(PageSize), Ids(page));
    }

    [Fact]
    public async Task AJumpAfterRowsWereAddedFollowsTheNewOrder()
    {
        Assert.Equal((await OffsetOrderAsync(ResultsSortKeys.Name, false)).Skip(15).Take(PageSize), Ids(await PageAsync(ResultsSortKeys.Name, false, 5)));

        // Added behind the feed's back: the total no longer matches the anchors, which are walked again.
        await _world.RegistrationAsync(await _world.CandidateAsync(_groups[1], "Aaron", "Aa"), _subjects[0]);
        await _world.RegistrationAsync(await _world.CandidateAsync(_groups[1], "Aaron", "Ab"), _subjects[0]);

        Assert.Equal((await OffsetOrderAsync(ResultsSortKeys.Name, false)).Skip(15).Take(PageSize), Ids(await PageAsync(ResultsSortKeys.Name, false, 5)));
    }

    /// <summary>
    /// A page that reloads as it hears of a change must get the new order, whichever subscriber the feed tells first:
    /// the anchors are good only at the feed's version they were walked at. Here the page is told before anything else
    /// (the feed tells its newest subscriber first) and a row moves from the end of the order to its start.
    /// </summary>
    [Fact]
    public async Task APageReloadingAsItHearsOfAChangeGetsTheNewOrder()
    {
        var feed = new NewestFirstFeed();
        var anchors = new PageAnchors(feed, database.Time, spacing: 4);
        var before = await OffsetOrderAsync(ResultsSortKeys.Name, false);
        Assert.Equal(before.Skip(15).Take(PageSize), Ids(await PageAsync(ResultsSortKeys.Name, false, 5, anchors: anchors)));

        var moved = before[^1];
        await using (var db = database.CreateDbContext(_account.Id))
        {
            await db.Registrations.Where(r => r.Id == moved).ExecuteUpdateAsync(u => u.SetProperty(r => r.SortName, "aaaa"));
        }

        var heard = new TaskCompletionSource<ResultsPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var page = feed.Subscribe(_account.Id, async _ => heard.SetResult(await PageAsync(ResultsSortKeys.Name, false, 5, anchors: anchors)));
        feed.Publish(new ResultsChange(_account.Id, moved, ResultsChange.SavedKind, database.Time.GetUtcNow()));

        var after = await OffsetOrderAsync(ResultsSortKeys.Name, false);
        Assert.Equal(moved, after[0]);
        Assert.Equal(after.Skip(15).Take(PageSize), Ids(await heard.Task));
    }

    private static List<int> Ids(ResultsPage page) => page.Rows.Select(r => r.Id).ToList();

    /// <summary>A feed that counts an event, then tells the account's subscribers newest first.</summary>
    private sealed class NewestFirstFeed : IAccountFeed<ResultsChange>
    {
        private readonly List<(int AccountId, Func<ResultsChange, Task> OnEvent)> _subscribers = [];
        private readonly Dictionary<int, long> _versions = [];

        public void Publish(ResultsChange accountEvent)
        {
            _versions[accountEvent.AccountId] = Version(accountEvent.AccountId) + 1;
            foreach (var (_, onEvent) in _subscribers.Where(s => s.AccountId == accountEvent.AccountId).Reverse().ToList())
            {
                _ = onEvent(accountEvent);
            }
        }

        public IDisposable Subscribe(int accountId, Func<ResultsChange, Task> onEvent)
        {
            var subscriber = (accountId, onEvent);
            _subscribers.Add(subscriber);
            return new Unsubscriber(() => _subscribers.Remove(subscriber));
        }

        public void PublishResync(DateTimeOffset at) => throw new NotSupportedException();

        public long Version(int accountId) => _versions.GetValueOrDefault(accountId);

        private sealed class Unsubscriber(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }

    private async Task<ResultsPage> PageAsync(string key, bool descending, int page, ResultsPageBounds? from = null, PageAnchors? anchors = null)
    {
        await using var scope = database.CreateScope(_account.Id);
        var services = scope.ServiceProvider;
        var query = new ResultsQuery(services.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), services.GetRequiredService<AccountScope>(), anchors ?? _anchors);
        return await query.GetPageAsync(new ResultsPageRequest(ResultsFilter.Default, key, descending, page, PageSize) { From = from });
    }

    /// <summary>Every id in the order plain ORDER BY … OFFSET gives, NULL keys first ascending on both providers.</summary>
    private async Task<List<int>> OffsetOrderAsync(string key, bool descending)
    {
        await using var db = database.CreateDbContext(_account.Id);
        var rows = db.Registrations.AsNoTracking();
        IOrderedQueryable<Registration> ordered = key switch
        {
            ResultsSortKeys.Group => descending ? rows.OrderByDescending(r => r.Group!.Name) : rows.OrderBy(r => r.Group!.Name),
            ResultsSortKeys.Name => descending ? rows.OrderByDescending(r => r.SortName) : rows.OrderBy(r => r.SortName),
            ResultsSortKeys.Test => descending ? rows.OrderByDescending(r => r.Subject!.Name) : rows.OrderBy(r => r.Subject!.Name),
            ResultsSortKeys.Result => descending
                ? rows.OrderByDescending(r => r.Score != null).ThenByDescending(r => r.Score)
                : rows.OrderBy(r => r.Score != null).ThenBy(r => r.Score),
            ResultsSortKeys.Status => descending ? rows.OrderByDescending(r => r.Status) : rows.OrderBy(r => r.Status),
            ResultsSortKeys.StartedAt => descending
                ? rows.OrderByDescending(r => r.StartedAt != null).ThenByDescending(r => r.StartedAt)
                : rows.OrderBy(r => r.StartedAt != null).ThenBy(r => r.StartedAt),
            ResultsSortKeys.CompletedAt => descending
                ? rows.OrderByDescending(r => r.CompletedAt != null).ThenByDescending(r => r.CompletedAt)
                : rows.OrderBy(r => r.CompletedAt != null).ThenBy(r => r.CompletedAt),
            _ => descending ? rows.OrderByDescending(r => r.Id) : rows.OrderBy(r => r.Id),
        };
        ordered = descending ? ordered.ThenByDescending(r => r.Id) : ordered.ThenBy(r => r.Id);
        var ids = new List<int>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await ordered.Skip(offset).Take(PageSize).Select(r => r.Id).ToListAsync();
            ids.AddRange(page);
            if (page.Count < PageSize)
            {
                return ids;
            }
        }
    }
}
