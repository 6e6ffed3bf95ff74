using System.Collections.Concurrent;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;

namespace Dashboard.Core.Results;

/// <summary>
/// A sparse set of anchor positions per account, filter and sort: the position of every <see cref="Spacing"/>-th row,
/// found by one seek walk of the order. A jump to any page then skips fewer than <see cref="Spacing"/> rows from the
/// nearest anchor before it, instead of up to half the order. Anchors are positions, not
/// counts, so a change can shift their offsets: a set is dropped on any change the results feed reports for its
/// account, when the filter's total is no longer the one it was walked with, and after <see cref="Lifetime"/>.
/// </summary>
internal sealed class PageAnchors(IAccountFeed<ResultsChange> feed, TimeProvider time, int spacing = PageAnchors.DefaultSpacing) : IDisposable
{
    public const int DefaultSpacing = 1000;

    /// <summary>Rows between anchors (smaller in tests, to reach the anchors with a few rows).</summary>
    public int Spacing { get; } = spacing;

    /// <summary>Bounds how long a change that never reached the feed (another process's write) can shift a jump.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>About 50 KB per 1,000,000 rows each: a few MB at most.</summary>
    private const int MaxSets = 64;

    private readonly ConcurrentDictionary<AnchorKey, Anchors> _sets = new();
    private readonly ConcurrentDictionary<int, IDisposable> _subscriptions = new();

    /// <summary>Changes seen per account: a walk that a change overtook is not kept.</summary>
    private readonly ConcurrentDictionary<int, long> _changes = new();

    public sealed record AnchorKey(int AccountId, ResultsFilter Filter, string SortKey, bool Descending);

    /// <summary>Positions[i] is the row at offset i × <see cref="Spacing"/>; Total is the order's exact row count.</summary>
    public sealed record Anchors(IReadOnlyList<SortPosition> Positions, int Total, DateTimeOffset BuiltAt);

    /// <summary>The anchors of <paramref name="key"/>, walked now unless a current set is kept.</summary>
    public async Task<Anchors> GetAsync(AnchorKey key, int? exactTotal, KeysetSort sort, IQueryable<Registration> filtered,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(sort);
        if (_sets.TryGetValue(key, out var kept) && time.GetUtcNow() - kept.BuiltAt < Lifetime
            && (exactTotal is null || exactTotal == kept.Total))
        {
            return kept;
        }

        _subscriptions.GetOrAdd(key.AccountId, accountId => feed.Subscribe(accountId, _ => ForgetAsync(accountId)));
        var changes = _changes.GetValueOrDefault(key.AccountId);
        var anchors = await WalkAsync(sort, filtered, key.Descending, cancellationToken);
        if (_changes.GetValueOrDefault(key.AccountId) != changes)
        {
            return anchors;
        }

        if (_sets.Count >= MaxSets)
        {
            foreach (var oldest in _sets.OrderBy(s => s.Value.BuiltAt).Take(_sets.Count - MaxSets + 1))
            {
                _sets.TryRemove(oldest);
            }
        }

        _sets[key] = anchors;
        return anchors;
    }

    private async Task<Anchors> WalkAsync(KeysetSort sort, IQueryable<Registration> filtered, bool descending, CancellationToken cancellationToken)
    {
        var builtAt = time.GetUtcNow();
        var positions = new List<SortPosition>();
        var next = await sort.ReadAsync(filtered, null, descending, 0, 1, cancellationToken);
        while (next.Count == 1)
        {
            positions.Add(next[0]);
            next = await sort.ReadAsync(filtered, next[0], descending, Spacing - 1, 1, cancellationToken);
        }

        var tail = positions.Count == 0 ? 0
            : (await sort.ReadAsync(filtered, positions[^1], descending, 0, Spacing, cancellationToken)).Count + 1;
        return new Anchors(positions, (Math.Max(0, positions.Count - 1) * Spacing) + tail, builtAt);
    }

    private Task ForgetAsync(int accountId)
    {
        _changes.AddOrUpdate(accountId, 1, (_, n) => n + 1);
        foreach (var key in _sets.Keys.Where(k => k.AccountId == accountId))
        {
            _sets.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Dispose();
        }
    }
}
