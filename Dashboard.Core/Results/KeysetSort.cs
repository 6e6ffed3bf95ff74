using System.Linq.Expressions;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>A row's place in a sort order: its sort key's value and its Id (the tie-breaker).</summary>
internal sealed record SortPosition(object? Key, int Id);

/// <summary>
/// Seek (keyset) reading of one sort order, (key, Id) with NULL keys first ascending and last descending (SQLite's
/// order, given on PostgreSQL too). The order is read as at most three runs — the rows sharing the position's key
/// after its Id, the keys beyond it, the NULL keys — each one range of an (AccountId, key, Id) index, so a read
/// costs the rows it returns or skips, whatever the depth, on both providers (a row-value or OR condition would
/// make either planner walk the index from its start).
/// </summary>
internal abstract class KeysetSort
{
    /// <summary>
    /// Rows after <paramref name="from"/> (from the start when null) in the order, skipping <paramref name="skip"/>
    /// and returning up to <paramref name="take"/>, with their positions.
    /// </summary>
    public abstract Task<List<SortPosition>> ReadAsync(IQueryable<Registration> filtered, SortPosition? from, bool descending,
        int skip, int take, CancellationToken cancellationToken);

    public static KeysetSort? For(string sortKey) => All.GetValueOrDefault(sortKey);

#pragma warning disable CA1309 // Translated to SQL comparisons on the SortName index (BINARY / "C"), never run in .NET.
    private static readonly Dictionary<string, KeysetSort> All = new(StringComparer.OrdinalIgnoreCase)
    {
        [ResultsSortKeys.Id] = new KeysetSort<int>(r => r.Id, null, k => r => r.Id > k, k => r => r.Id < k),
        [ResultsSortKeys.Name] = new KeysetSort<string>(r => r.SortName,
            k => r => r.SortName == k, k => r => string.Compare(r.SortName, k) > 0, k => r => string.Compare(r.SortName, k) < 0),
        [ResultsSortKeys.Result] = new KeysetSort<double?>(r => r.Score,
            k => r => r.Score == k!.Value, k => r => r.Score > k!.Value, k => r => r.Score < k!.Value, r => r.Score == null),
        [ResultsSortKeys.Status] = new KeysetSort<RegistrationStatus>(r => r.Status,
            k => r => r.Status == k, k => r => r.Status > k, k => r => r.Status < k),
        [ResultsSortKeys.StartedAt] = new KeysetSort<DateTimeOffset?>(r => r.StartedAt,
            k => r => r.StartedAt == k!.Value, k => r => r.StartedAt > k!.Value, k => r => r.StartedAt < k!.Value, r => r.StartedAt == null),
        [ResultsSortKeys.CompletedAt] = new KeysetSort<DateTimeOffset?>(r => r.CompletedAt,
            k => r => r.CompletedAt == k!.Value, k => r => r.CompletedAt > k!.Value, k => r => r.CompletedAt < k!.Value, r => r.CompletedAt == null),
    };
#pragma warning restore CA1309
}

/// <param name="key">The sort column.</param>
/// <param name="equal">Rows whose key equals a (non-null) value; null when the key is the Id itself.</param>
/// <param name="greater">Rows whose key is above a non-null value (NULL keys excluded, as SQL comparisons do).</param>
/// <param name="less">Rows whose key is below a non-null value.</param>
/// <param name="isNull">Rows without a key, for a nullable column.</param>
internal sealed class KeysetSort<TKey>(
    Expression<Func<Registration, TKey>> key,
    Func<TKey, Expression<Func<Registration, bool>>>? equal,
    Func<TKey, Expression<Func<Registration, bool>>> greater,
    Func<TKey, Expression<Func<Registration, bool>>> less,
    Expression<Func<Registration, bool>>? isNull = null) : KeysetSort
{
    private readonly Expression<Func<Registration, Keyed>> _project = Expression.Lambda<Func<Registration, Keyed>>(
        Expression.MemberInit(Expression.New(typeof(Keyed)),
            Expression.Bind(typeof(Keyed).GetProperty(nameof(Keyed.Key))!, key.Body),
            Expression.Bind(typeof(Keyed).GetProperty(nameof(Keyed.Id))!, Expression.Property(key.Parameters[0], nameof(Registration.Id)))),
        key.Parameters[0]);

    private readonly Expression<Func<Registration, bool>>? _hasValue = isNull is null ? null
        : Expression.Lambda<Func<Registration, bool>>(Expression.Not(isNull.Body), isNull.Parameters);

    public override async Task<List<SortPosition>> ReadAsync(IQueryable<Registration> filtered, SortPosition? from, bool descending,
        int skip, int take, CancellationToken cancellationToken)
    {
        var positions = new List<SortPosition>(Math.Max(0, take));
        foreach (var run in Runs(filtered, from, descending))
        {
            if (positions.Count >= take)
            {
                break;
            }

            var rows = await run.Ordered.Skip(skip).Take(take - positions.Count).Select(_project).ToListAsync(cancellationToken);
            if (rows.Count == 0 && skip > 0)
            {
                // The run is shorter than the rows still to skip: counting it costs no more than skipping it.
                skip -= await run.Rows.CountAsync(cancellationToken);
                continue;
            }

            skip = 0;
            positions.AddRange(rows.Select(r => new SortPosition(r.Key, r.Id)));
        }

        return positions;
    }

    private sealed record Run(IQueryable<Registration> Rows, IQueryable<Registration> Ordered);

    /// <summary>The runs after <paramref name="from"/>, in order.</summary>
    private IEnumerable<Run> Runs(IQueryable<Registration> filtered, SortPosition? from, bool descending)
    {
        var keyIsId = equal is null;
        if (from is not null)
        {
            var id = from.Id;
            var value = (TKey)from.Key!;
            if (keyIsId)
            {
                yield return ByKey(filtered.Where(descending ? less(value) : greater(value)), descending, keyIsId);
                yield break;
            }

            if (from.Key is null)
            {
                // A NULL key: the rest of the NULL run, then (ascending) every value.
                var nulls = filtered.Where(isNull!);
                yield return ById(descending ? nulls.Where(r => r.Id < id) : nulls.Where(r => r.Id > id), descending);
                if (!descending)
                {
                    yield return ByKey(filtered.Where(_hasValue!), descending, keyIsId);
                }

                yield break;
            }

            var same = filtered.Where(equal!(value));
            yield return ById(descending ? same.Where(r => r.Id < id) : same.Where(r => r.Id > id), descending);
            yield return ByKey(filtered.Where(descending ? less(value) : greater(value)), descending, keyIsId);
            if (descending && isNull is not null)
            {
                yield return ById(filtered.Where(isNull), descending);
            }

            yield break;
        }

        if (isNull is null)
        {
            yield return ByKey(filtered, descending, keyIsId);
            yield break;
        }

        if (!descending)
        {
            yield return ById(filtered.Where(isNull), descending);
        }

        yield return ByKey(filtered.Where(_hasValue!), descending, keyIsId);
        if (descending)
        {
            yield return ById(filtered.Where(isNull), descending);
        }
    }

    private static Run ById(IQueryable<Registration> rows, bool descending) =>
        new(rows, descending ? rows.OrderByDescending(r => r.Id) : rows.OrderBy(r => r.Id));

    private Run ByKey(IQueryable<Registration> rows, bool descending, bool keyIsId) => keyIsId
        ? ById(rows, descending)
        : new(rows, descending ? rows.OrderByDescending(key).ThenByDescending(r => r.Id) : rows.OrderBy(key).ThenBy(r => r.Id));

    /// <summary>A row's key and Id as the database returns them.</summary>
    private sealed class Keyed
    {
        public TKey Key { get; init; } = default!;
        public int Id { get; init; }
    }
}
