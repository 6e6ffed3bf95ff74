using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>
/// The first matches of a search in Id order, in one read: they count the search up to the cap and hold the pages of
/// the Id sort. Reading the trigram index range by range along the Ids was measured and dropped (docs/bench-results.md,
/// session 4): every range re-evaluates the term, so a rare term and an email cost more, and the slowest searches
/// are the ones that also match a test name, whose cost is the scan for that test, not the index. An exact count
/// carries on from the last match read, the index read over the remaining Ids only, so it costs one pass, not two.
/// </summary>
internal static class SearchProbe
{
    /// <param name="Ids">Up to the limit asked, in the order asked.</param>
    /// <param name="Total">The exact number of matches, when known (fewer than the limit, or counted on demand).</param>
    public sealed record Result(List<int> Ids, int? Total);

    public static async Task<Result> ReadAsync(FilteredRegistrations filtered, bool descending, int limit, bool exact,
        CancellationToken cancellationToken)
    {
        var inRange = filtered.InRange ?? throw new ArgumentException("The filter has no search.", nameof(filtered));
        var rows = filtered.Rows;
        var ids = await (descending ? rows.OrderByDescending(r => r.Id) : rows.OrderBy(r => r.Id))
            .Select(r => r.Id).Take(limit).ToListAsync(cancellationToken);
        if (ids.Count < limit)
        {
            return new(ids, ids.Count);
        }

        if (!exact)
        {
            return new(ids, null);
        }

        // The exact count carries on beyond the last match read: the index is read over the rest of the Ids only.
        var rest = descending ? new IdRange(int.MinValue, ids[^1] - 1) : new IdRange(ids[^1] + 1, int.MaxValue);
        return new(ids, ids.Count + await inRange(rest).CountAsync(cancellationToken));
    }
}
