using System.Linq.Expressions;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>
/// Sorting by the name of a small related set (group, test) without sorting a million rows: count the
/// filtered rows per key (from the tallies when possible), order the keys by name, find the keys the page
/// falls in, and read just those rows along the (AccountId, key, Id) index. Same order as
/// ORDER BY name, Id: keys sharing a name form one segment ordered by Id.
/// </summary>
internal sealed class SegmentSort(
    Expression<Func<Registration, int>> column,
    Expression<Func<RegistrationTally, int>> tallyColumn,
    Func<IQueryable<Registration>, int[], IQueryable<Registration>> within,
    Func<DashboardDbContext, GroupTree, CancellationToken, Task<IReadOnlyDictionary<int, string>>> namesAsync)
{
    public static SegmentSort Group { get; } = new(
        r => r.GroupId, t => t.GroupId, (q, keys) => q.Where(r => keys.Contains(r.GroupId)),
        (_, groups, _) => Task.FromResult(groups.Names));

    public static SegmentSort Test { get; } = new(
        r => r.SubjectId, t => t.SubjectId, (q, keys) => q.Where(r => keys.Contains(r.SubjectId)),
        async (db, _, cancellationToken) => await db.Subjects.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken));

    public async Task<Dictionary<int, int>> CountAsync(DashboardDbContext db, IQueryable<Registration> filtered,
        IQueryable<RegistrationTally>? tallies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counts = tallies is not null
            ? await tallies.GroupBy(tallyColumn).Select(g => new { g.Key, Count = g.Sum(t => t.Count) }).ToListAsync(cancellationToken)
            : await filtered.GroupBy(column).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return counts.Where(c => c.Count > 0).ToDictionary(c => c.Key, c => c.Count);
    }

    public async Task<List<int>> PageIdsAsync(DashboardDbContext db, IQueryable<Registration> filtered, GroupTree groups,
        Dictionary<int, int> counts, bool descending, int skip, int take, CancellationToken cancellationToken)
    {
        var names = await namesAsync(db, groups, cancellationToken);
        var segments = counts
            .GroupBy(c => names.TryGetValue(c.Key, out var name) ? name : "", StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Keys: g.Select(c => c.Key).ToArray(), Count: g.Sum(c => c.Value)));
        segments = descending
            ? segments.OrderByDescending(s => s.Name, StringComparer.Ordinal)
            : segments.OrderBy(s => s.Name, StringComparer.Ordinal);

        var ids = new List<int>(take);
        foreach (var segment in segments)
        {
            if (skip >= segment.Count)
            {
                skip -= segment.Count;
                continue;
            }

            var rows = within(filtered, segment.Keys);
            ids.AddRange(await ResultsQuery.SliceAsync(
                reverse => descending ^ reverse ? rows.OrderByDescending(r => r.Id) : rows.OrderBy(r => r.Id),
                segment.Count, skip, Math.Min(take - ids.Count, segment.Count - skip), cancellationToken));
            skip = 0;
            if (ids.Count >= take)
            {
                break;
            }
        }

        return ids;
    }
}
