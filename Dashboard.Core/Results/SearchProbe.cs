using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>
/// The first matches of a search in Id order, in one read: they count the search up to the cap and hold the pages of
/// the Id sort. Reading the trigram index range by range along the Ids was measured and dropped (docs/bench-results.md,
/// session 4): every range re-evaluates the term, so a rare term and an email cost more, and the slowest searches
/// were the ones that also match a test name, read now as parts merged here (<see cref="ResultsSearch.Parts"/>). An exact count
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
        var ids = new List<int>();
        foreach (var part in filtered.Parts)
        {
            ids.AddRange(await part(descending).Take(limit).ToListAsync(cancellationToken));
        }

        if (filtered.Parts.Count > 1)
        {
            // The first matches of the union are among the first of each part: merged by Id, each once.
            ids = [.. (descending ? ids.Distinct().OrderDescending() : ids.Distinct().Order()).Take(limit)];
        }

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
