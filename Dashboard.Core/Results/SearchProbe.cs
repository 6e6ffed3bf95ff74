using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>
/// The first matches of a search in Id order, read range by range along the Ids. An <c>Id IN (MATCH …)</c> condition
/// makes SQLite collect every match of a term before it returns the first row (all accounts' matches: "ber" is 130,000
/// rows of the index); bounding each read to an Id range makes FTS5 read the term's doclist over that range alone. The
/// first range is small; the next ones are sized from the density of matches seen so far, so a common term reads about
/// the matches it returns and a rare one grows to the whole span in a few steps. An exact count carries on from where
/// the reading stopped, so it costs one pass over the index, not two.
/// </summary>
internal static class SearchProbe
{
    private const int FirstWidth = 8192;

    private const int MinWidth = 1024;

    /// <summary>A range at most this many times wider than the one before (a few early matches say little).</summary>
    private const int MaxGrowth = 16;

    /// <param name="Ids">Up to the limit asked, in the order asked.</param>
    /// <param name="Total">The exact number of matches, when known (fewer than the limit, or counted on demand).</param>
    public sealed record Result(List<int> Ids, int? Total);

    public static async Task<Result> ReadAsync(DashboardDbContext db, FilteredRegistrations filtered, bool descending, int limit, bool exact,
        CancellationToken cancellationToken)
    {
        var inRange = filtered.InRange ?? throw new ArgumentException("The filter has no search.", nameof(filtered));
        var low = await db.Registrations.MinAsync(r => (int?)r.Id, cancellationToken);
        var high = await db.Registrations.MaxAsync(r => (int?)r.Id, cancellationToken);
        if (low is not { } first || high is not { } last)
        {
            return new([], 0);
        }

        var ids = new List<int>(Math.Min(limit, 1024));
        long scanned = 0;
        long width = FirstWidth;
        long from = first, to = last; // the Ids not read yet, both included
        while (ids.Count < limit && from <= to)
        {
            var range = descending
                ? new IdRange((int)Math.Max(from, to - width + 1), (int)to)
                : new IdRange((int)from, (int)Math.Min(to, from + width - 1));
            var rows = inRange(range);
            ids.AddRange(await (descending ? rows.OrderByDescending(r => r.Id) : rows.OrderBy(r => r.Id))
                .Select(r => r.Id).Take(limit - ids.Count).ToListAsync(cancellationToken));
            scanned += (long)range.Last - range.First + 1;
            (from, to) = descending ? (from, (long)range.First - 1) : ((long)range.Last + 1, to);
            var wanted = ids.Count == 0 ? width * MaxGrowth : (long)Math.Ceiling((limit - ids.Count) * 1.25 * scanned / ids.Count);
            width = Math.Clamp(wanted, MinWidth, width * MaxGrowth);
        }

        if (ids.Count < limit)
        {
            return new(ids, ids.Count);
        }

        if (!exact)
        {
            return new(ids, null);
        }

        var rest = descending ? new IdRange(first, ids[^1] - 1) : new IdRange(ids[^1] + 1, last);
        var more = rest.First > rest.Last ? 0 : await inRange(rest).CountAsync(cancellationToken);
        return new(ids, ids.Count + more);
    }
}
