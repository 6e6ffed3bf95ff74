using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Results;

namespace Dashboard.Tests.Core.Live;

/// <summary>
/// The shared page of an account's view while its one query runs. SQLite answers EF's async API synchronously, so the
/// query holds its thread until it has read: the other grids asking for the same page must get the same task at once,
/// never wait for the read on their own threads (20 blocked pool threads on 2 cores starved the pool for ~2 s in the
/// feed bench).
/// </summary>
public sealed class SharedResultsPagesTests : IDisposable
{
    private readonly AccountFeed<ResultsChange> _feed = new();
    private readonly SharedResultsPages _pages;
    private readonly GatedQuery _query = new();

    public SharedResultsPagesTests() => _pages = new SharedResultsPages(_feed);

    public void Dispose()
    {
        _query.Gate.Set();
        _query.Gate.Dispose();
        _query.Entered.Dispose();
    }

    private static AccountScope Scope(int accountId)
    {
        var scope = new AccountScope();
        scope.SetAdministrator(accountId, 7, "Grace", Privileges.Viewer);
        return scope;
    }

    private static ResultsPageRequest Request => new(ResultsFilter.Default, ResultsSortKeys.Id, true, 0, 25);

    /// <summary>A grid's ask on a pool thread; the outer task completes when the ask has returned its task.</summary>
    private Task<Task<ResultsPage>> AskOnAnotherThread() => Task.Factory.StartNew(
        () => _pages.GetPageAsync(_query, Scope(1), Request, CancellationToken.None),
        CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);

    [Fact]
    public async Task AGridAskingWhileTheQueryReadsGetsTheSameTaskWithoutWaitingForTheRead()
    {
        var first = AskOnAnotherThread();
        Assert.True(_query.Entered.Wait(TimeSpan.FromSeconds(30)), "the query never started");

        // The read is under way and holds its thread: asking again must return at once, with a task still running.
        var second = AskOnAnotherThread();
        var returned = await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(second, returned);
        var secondPage = await second;
        Assert.False(secondPage.IsCompleted);

        _query.Gate.Set();
        var pages = await Task.WhenAll(await first, secondPage);
        Assert.Same(pages[0], pages[1]);
        Assert.Equal(1, _query.Calls);
        Assert.Equal(1, _pages.QueriesRun);
    }

    [Fact]
    public async Task AChangeOfTheAccountMakesTheNextAskReadAgain()
    {
        _query.Gate.Set();
        var before = await _pages.GetPageAsync(_query, Scope(1), Request, CancellationToken.None);
        Assert.Same(before, await _pages.GetPageAsync(_query, Scope(1), Request, CancellationToken.None));

        _feed.Publish(new ResultsChange(2, 5, "other account", DateTimeOffset.UtcNow));
        Assert.Same(before, await _pages.GetPageAsync(_query, Scope(1), Request, CancellationToken.None));

        _feed.Publish(new ResultsChange(1, 5, "answer", DateTimeOffset.UtcNow));
        var after = await _pages.GetPageAsync(_query, Scope(1), Request, CancellationToken.None);

        Assert.NotSame(before, after);
        Assert.Equal(2, _query.Calls);
    }

    [Fact]
    public async Task EveryGridReloadingForAChangeGetsAPageReadAfterItWhicheverHearsOfItFirst()
    {
        _query.Gate.Set();
        Assert.Equal(0, (await _pages.GetPageAsync(_query, Scope(1), Request, CancellationToken.None)).TotalCount);

        // Open grids hear of the change in the feed's order, before or after anything else subscribed; each asks for
        // its page as it hears (the grid's first reload after a quiet spell does not wait).
        var asked = new System.Collections.Concurrent.ConcurrentBag<Task<ResultsPage>>();
        var grids = Enumerable.Range(0, 40).Select(_ => _feed.Subscribe(1, _ =>
        {
            asked.Add(_pages.GetPageAsync(_query, Scope(1), Request, CancellationToken.None));
            return Task.CompletedTask;
        })).ToList();
        _query.Saved = 1;
        _feed.Publish(new ResultsChange(1, 5, "answer", DateTimeOffset.UtcNow));

        var pages = await Task.WhenAll(asked);
        grids.ForEach(g => g.Dispose());
        Assert.Equal(40, pages.Length);
        Assert.All(pages, page => Assert.Equal(1, page.TotalCount));
        Assert.Equal(2, _query.Calls);
    }

    /// <summary>A query that reads as SQLite does under EF's async API: on the caller's thread, until its gate opens.</summary>
    private sealed class GatedQuery : IResultsQuery
    {
        private int _calls;

        public ManualResetEventSlim Gate { get; } = new();

        public ManualResetEventSlim Entered { get; } = new();

        public int Calls => Volatile.Read(ref _calls);

        /// <summary>What the database holds: the pages read count it (a change is saved before it is published).</summary>
        public int Saved { get; set; }

        public Task<ResultsPage> GetPageAsync(ResultsPageRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            Entered.Set();
            Gate.Wait(TimeSpan.FromSeconds(60), CancellationToken.None);
            return Task.FromResult(new ResultsPage([], Saved));
        }

        public Task<int> CountAsync(ResultsFilter filter, CancellationToken cancellationToken = default) => Task.FromResult(0);

        public IAsyncEnumerable<ResultRow> StreamAsync(ResultsFilter filter, string? sortKey = null, bool descending = false,
            CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<ResultRow>();
    }
}
