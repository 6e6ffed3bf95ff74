using System.Collections.Concurrent;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;

namespace Dashboard.Core.Live;

/// <summary>
/// The pages open grids reload after a feed change, shared per account: the first grid of an account to reload a view
/// (filter, sort, page, page size, exact count) after a change runs the query, and every other grid of that account
/// reloading the same view before the next change gets the same page. So the database answers once per account and
/// view per debounce window, however many pages show it. Entries are keyed by the account, and the query runs in the
/// asking circuit's own scope (its account filter), so one account's rows never reach another's page.
/// Singleton; a change of an account drops that account's pages.
/// </summary>
public sealed class SharedResultsPages(IAccountFeed<ResultsChange> feed) : IDisposable
{
    private readonly ConcurrentDictionary<int, AccountPages> _accounts = new();
    private readonly Lock _subscribing = new();
    private long _queries;

    /// <summary>Queries run for shared pages since start (what the sharing saves is the reloads minus this).</summary>
    public long QueriesRun => Interlocked.Read(ref _queries);

    /// <summary>
    /// The current page of <paramref name="request"/> for the scope's account: the one already read since the account's
    /// last change, or a new read by <paramref name="query"/> (which must be the caller's, scoped to the same account).
    /// </summary>
    public Task<ResultsPage> GetPageAsync(IResultsQuery query, AccountScope scope, ResultsPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        scope.Demand(Privileges.ViewResults);
        var account = Account(scope.RequireAccountId());

        // A reload of the page on screen never seeks from its bounds (only a neighbouring page does), so they are not part of the view.
        var key = request with { From = null };
        var generation = Volatile.Read(ref account.Generation);
        var entry = account.Pages.AddOrUpdate(
            key,
            _ => new Entry(generation, new Lazy<Task<ResultsPage>>(() => RunAsync(query, key))),
            (_, existing) => existing.Generation == generation && !existing.Page.Value.IsFaulted && !existing.Page.Value.IsCanceled
                ? existing
                : new Entry(generation, new Lazy<Task<ResultsPage>>(() => RunAsync(query, key))));
        return entry.Page.Value.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        foreach (var account in _accounts.Values)
        {
            account.Subscription?.Dispose();
        }

        _accounts.Clear();
    }

    /// <summary>
    /// Not cancelled by the first asker: the other grids wait for the same read. It starts after a yield, so the entry's
    /// Lazy hands out the task at once: SQLite answers EF's async API synchronously, and every other grid asking during
    /// the read blocked a pool thread on the Lazy until it ended (20 pages on 2 cores starved the pool for ~2 s).
    /// </summary>
    private async Task<ResultsPage> RunAsync(IResultsQuery query, ResultsPageRequest request)
    {
        await Task.Yield();
        Interlocked.Increment(ref _queries);
        return await query.GetPageAsync(request, CancellationToken.None);
    }

    private AccountPages Account(int accountId)
    {
        if (_accounts.TryGetValue(accountId, out var existing))
        {
            return existing;
        }

        lock (_subscribing)
        {
            if (_accounts.TryGetValue(accountId, out existing))
            {
                return existing;
            }

            var account = new AccountPages();
            account.Subscription = feed.Subscribe(accountId, _ =>
            {
                Interlocked.Increment(ref account.Generation);
                account.Pages.Clear();
                return Task.CompletedTask;
            });
            _accounts[accountId] = account;
            return account;
        }
    }

    private sealed record Entry(long Generation, Lazy<Task<ResultsPage>> Page);

    private sealed class AccountPages
    {
        /// <summary>Bumped by every change of the account: a page read before it is stale.</summary>
        public long Generation;

        public ConcurrentDictionary<ResultsPageRequest, Entry> Pages { get; } = new();

        public IDisposable? Subscription { get; set; }
    }
}
