using System.Collections.Concurrent;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;

namespace Dashboard.Core.Results;

/// <summary>
/// A sparse set of anchor positions per account, filter and sort: the position of every <see cref="Spacing"/>-th row,
/// found by one seek walk of the order. A jump to any page then skips fewer than <see cref="Spacing"/> rows from the
/// nearest anchor before it, instead of up to half the order. Anchors are positions, not
/// counts, so a change can shift their offsets: a set is used only at the results feed's version of its account that
/// it was walked at (<see cref="IAccountFeed{TEvent}.Version"/>, counted before any page hears of the change, so a page
/// that reloads as it hears of one never gets anchors from before it), while the filter's total is the one it was
/// walked with, and for <see cref="Lifetime"/>.
/// </summary>
internal sealed class PageAnchors(IAccountFeed<ResultsChange> feed, TimeProvider time, int spacing = PageAnchors.DefaultSpacing)
{
    public const int DefaultSpacing = 1000;

    /// <summary>Rows between anchors (smaller in tests, to reach the anchors with a few rows).</summary>
    public int Spacing { get; } = spacing;

    /// <summary>Bounds how long a change that never reached the feed (another process's write) can shift a jump.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>About 50 KB per 1,000,000 rows each: a few MB at most.</summary>
    private const int MaxSets = 64;

    private readonly ConcurrentDictionary<AnchorKey, Anchors> _sets = new();

    public sealed record AnchorKey(int AccountId, ResultsFilter Filter, string SortKey, bool Descending);

    /// <summary>
    /// Positions[i] is the row at offset i × <see cref="Spacing"/>; Total is the order's exact row count; Version the
    /// feed's version of the account when the walk began.
    /// </summary>
    public sealed record Anchors(IReadOnlyList<SortPosition> Positions, int Total, DateTimeOffset BuiltAt, long Version);

    /// <summary>The anchors of <paramref name="key"/>, walked now unless a current set is kept.</summary>
    public async Task<Anchors> GetAsync(AnchorKey key, int? exactTotal, KeysetSort sort, IQueryable<Registration> filtered,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(sort);
        var version = feed.Version(key.AccountId);
        if (_sets.TryGetValue(key, out var kept) && kept.Version == version && time.GetUtcNow() - kept.BuiltAt < Lifetime
            && (exactTotal is null || exactTotal == kept.Total))
        {
            return kept;
        }

        var anchors = await WalkAsync(sort, filtered, key.Descending, version, cancellationToken);
        if (feed.Version(key.AccountId) != version)
        {
            // A change overtook the walk: good for this read, not to be kept.
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

    private async Task<Anchors> WalkAsync(KeysetSort sort, IQueryable<Registration> filtered, bool descending, long version,
        CancellationToken cancellationToken)
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
        return new Anchors(positions, (Math.Max(0, positions.Count - 1) * Spacing) + tail, builtAt, version);
    }
}
