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
/// A page is current while the feed's <see cref="IAccountFeed{TEvent}.Version"/> of its account is the one it was read
/// at. The feed counts an event before telling anyone of it, so a grid reloading for a change never gets a page read
/// before it, whichever subscriber hears of the change first. Singleton.
/// </summary>
public sealed class SharedResultsPages(IAccountFeed<ResultsChange> feed)
{
    private readonly ConcurrentDictionary<int, AccountPages> _accounts = new();
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
        var accountId = scope.RequireAccountId();
        var account = _accounts.GetOrAdd(accountId, static _ => new AccountPages());
        var version = feed.Version(accountId);
        account.MoveTo(version);

        // A reload of the page on screen never seeks from its bounds (only a neighbouring page does), so they are not part of the view.
        var key = request with { From = null };
        var entry = account.Pages.AddOrUpdate(
            key,
            _ => new Entry(version, new Lazy<Task<ResultsPage>>(() => RunAsync(query, key))),
            (_, existing) => existing.Version >= version && !existing.Page.Value.IsFaulted && !existing.Page.Value.IsCanceled
                ? existing
                : new Entry(version, new Lazy<Task<ResultsPage>>(() => RunAsync(query, key))));
        return entry.Page.Value.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Not cancelled by the first asker: the other grids wait for the same read. It starts after a yield, so the entry's
    /// Lazy hands out the task at once: SQLite answers EF's async API synchronously, and every other grid asking during
    /// the read blocked a pool thread on the Lazy until it ended.
    /// </summary>
    private async Task<ResultsPage> RunAsync(IResultsQuery query, ResultsPageRequest request)
    {
        await Task.Yield();
        Interlocked.Increment(ref _queries);
        return await query.GetPageAsync(request, CancellationToken.None);
    }

    /// <summary>A page and the account's feed version it was read at (or later).</summary>
    private sealed record Entry(long Version, Lazy<Task<ResultsPage>> Page);

    private sealed class AccountPages
    {
        private readonly Lock _moving = new();
        private long _version = -1;

        public ConcurrentDictionary<ResultsPageRequest, Entry> Pages { get; } = new();

        /// <summary>The first ask at a newer version drops the pages of older ones (views no longer shown would stay).</summary>
        public void MoveTo(long version)
        {
            if (Volatile.Read(ref _version) >= version)
            {
                return;
            }

            lock (_moving)
            {
                if (_version < version)
                {
                    // Emptied before the version moves: an ask that sees the new version adds its page after this.
                    foreach (var (key, entry) in Pages)
                    {
                        if (entry.Version < version)
                        {
                            Pages.TryRemove(new KeyValuePair<ResultsPageRequest, Entry>(key, entry));
                        }
                    }

                    Volatile.Write(ref _version, version);
                }
            }
        }
    }
}
