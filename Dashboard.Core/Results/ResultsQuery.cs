// Over 250 lines: the grid's one read path: count, seek page, page anchors and search narrowing share the filtered expression and its sort keys.
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>
/// The one path from a <see cref="ResultsFilter"/> to rows: filter → total count → sort (whitelisted key,
/// Id tie-breaker) → page → <see cref="ResultRow"/> projection. Used by the grid, the Excel export and the bulk jobs.
/// Pages are read by seeking along the sort's index (<see cref="KeysetSort"/>, <see cref="PageAnchors"/>), so a deep
/// page costs what the first one does; counts that need the registrations stop at <see cref="ResultsPage.CountCap"/>.
/// </summary>
internal sealed class ResultsQuery(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, PageAnchors anchorSets) : IResultsQuery
{
    public const int MaxPageSize = 1000;

    /// <summary>Up to this many matches, a search is paged from the list of its ids.</summary>
    private const int SmallResult = 2000;

    private delegate IOrderedQueryable<Registration> SortApplier(IQueryable<Registration> query, bool descending);

    private static readonly Dictionary<string, SortApplier> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        [ResultsSortKeys.Id] = (q, d) => d ? q.OrderByDescending(r => r.Id) : q.OrderBy(r => r.Id),
        [ResultsSortKeys.Group] = By(r => r.Group!.Name),
        [ResultsSortKeys.Name] = By(r => r.SortName),
        [ResultsSortKeys.Test] = By(r => r.Subject!.Name),
        [ResultsSortKeys.Result] = By(r => r.Score),
        [ResultsSortKeys.Status] = By(r => r.Status),
        [ResultsSortKeys.StartedAt] = By(r => r.StartedAt),
        [ResultsSortKeys.CompletedAt] = By(r => r.CompletedAt),
    };

    /// <summary>
    /// PostgreSQL puts NULLs last in ascending order, SQLite first: on PostgreSQL the nullable keys sort on
    /// "has a value" first, so both providers give the same pages.
    /// </summary>
    private static readonly Dictionary<string, SortApplier> PostgresSorts = new(Sorts, StringComparer.OrdinalIgnoreCase)
    {
        [ResultsSortKeys.Result] = NullsAsSqlite(r => r.Score, r => r.Score == null ? 0 : 1),
        [ResultsSortKeys.StartedAt] = NullsAsSqlite(r => r.StartedAt, r => r.StartedAt == null ? 0 : 1),
        [ResultsSortKeys.CompletedAt] = NullsAsSqlite(r => r.CompletedAt, r => r.CompletedAt == null ? 0 : 1),
    };

    /// <summary>Sort keys on a related name, paged segment by segment (see <see cref="SegmentSort"/>).</summary>
    private static readonly Dictionary<string, SegmentSort> SegmentSorts = new(StringComparer.OrdinalIgnoreCase)
    {
        [ResultsSortKeys.Group] = SegmentSort.Group,
        [ResultsSortKeys.Test] = SegmentSort.Test,
    };

    public async Task<ResultsPage> GetPageAsync(ResultsPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filter = request.Filter;
        var groups = await GroupTree.LoadAsync(db, cancellationToken);
        var filtered = await FilteredRegistrations.ApplyAsync(db, filter, groups, cancellationToken);
        var rows = filtered.Rows;
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var sortKey = request.SortKey is not null && Sorts.ContainsKey(request.SortKey) ? request.SortKey : ResultsSortKeys.Id;

        Count? count = null;
        List<int>? matches = null;
        if (filtered.Search is { } search)
        {
            // One read of the search: its first matches in Id order count it up to the cap and hold the pages of the Id sort.
            (matches, count) = await ProbeAsync(db, filtered, search, request, cancellationToken);
            if (matches is not null && matches.Count == count.Total && matches.Count <= SmallResult)
            {
                // A narrow search: sorting its few rows beats walking a sort index in the hope of meeting them
                // (SQLite cannot tell how many rows the trigram index will return).
                var few = matches;
                rows = db.Registrations.AsNoTracking().Where(r => few.Contains(r.Id));
            }
        }

        if (SegmentSorts.TryGetValue(sortKey, out var segments))
        {
            var skip = (long)Math.Max(0, request.Page) * pageSize;
            var counts = await segments.CountAsync(db, rows, filtered.Tallies, cancellationToken);
            var total = counts.Values.Sum();
            var segmentIds = skip >= total ? [] : await segments.PageIdsAsync(db, rows, groups, counts, request.Descending, (int)skip, pageSize, cancellationToken);
            return new ResultsPage(await RowsAsync(db, segmentIds, cancellationToken), total);
        }

        count ??= await CountAsync(rows, filtered.Tallies, request.ExactCount, cancellationToken);
        var view = new PageView(request.Filter, sortKey, request.Descending, Math.Max(0, request.Page), pageSize);
        var page = matches is not null && sortKey == ResultsSortKeys.Id && (matches.Count == count.Total || view.Offset + pageSize < matches.Count)
            ? WithCount(matches.Skip((int)Math.Min(view.Offset, int.MaxValue)).Take(pageSize).Select(id => new SortPosition(id, id)).ToList(),
                view, count, more: view.Offset + pageSize < matches.Count)
            : await ReadPageAsync(rows, view, KeysetSort.For(sortKey)!, count, request.From, cancellationToken);
        var ids = page.Positions.ConvertAll(p => p.Id);
        return new ResultsPage(await RowsAsync(db, ids, cancellationToken), page.Count.Total)
        {
            TotalIsLowerBound = page.Count.LowerBound,
            Bounds = ids.Count == 0 ? null
                : new ResultsPageBounds(view.Filter, sortKey, view.Descending, view.Page, pageSize, page.Positions[0], page.Positions[^1]),
        };
    }

    public async Task<int> CountAsync(ResultsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = await GroupTree.LoadAsync(db, cancellationToken);
        var filtered = await FilteredRegistrations.ApplyAsync(db, filter, groups, cancellationToken);
        return (await CountAsync(filtered.Rows, filtered.Tallies, exact: true, cancellationToken)).Total;
    }

    public async IAsyncEnumerable<ResultRow> StreamAsync(ResultsFilter filter, string? sortKey = null, bool descending = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sorted = await SortedAsync(db, filter, sortKey, descending, cancellationToken);
        await foreach (var row in Project(sorted).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>
    /// The registrations of <paramref name="filter"/> in the stream's order, for a reader that runs their SQL itself
    /// (the SQLite export, <see cref="Documents.Excel.SqliteExportRows"/>): the account filter and sort are this query's.
    /// </summary>
    internal async Task<IOrderedQueryable<Registration>> SortedAsync(DashboardDbContext db, ResultsFilter filter, string? sortKey, bool descending,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        scope.Demand(Privileges.ViewResults);
        var groups = await GroupTree.LoadAsync(db, cancellationToken);
        var filtered = await FilteredRegistrations.ApplyAsync(db, filter, groups, cancellationToken);
        return Sort(db, filtered.Rows, sortKey, descending);
    }

    /// <summary>
    /// The search's count (capped unless asked exactly) and, when it has them, its first matches in the request's Id order
    /// (all of them when fewer than the cap). A term of 3+ letters is read once in Id order (<see cref="SearchProbe"/>). Short terms alone are a range of the folded-name index: counted along that index,
    /// which needs no sort; their matches are kept (sorted here) only when all of them were read.
    /// </summary>
    private static async Task<(List<int>? Matches, Count Count)> ProbeAsync(DashboardDbContext db, FilteredRegistrations filtered,
        SearchText search, ResultsPageRequest request, CancellationToken cancellationToken)
    {
        const int limit = ResultsPage.CountCap + 1;
        if (search.LongTerms.Count > 0)
        {
            var probe = await SearchProbe.ReadAsync(filtered, request.Descending, limit, request.ExactCount, cancellationToken);
            return (probe.Ids, probe.Total is { } total ? new Count(total, false) : new Count(ResultsPage.CountCap, true));
        }

        var found = await filtered.Rows.Select(r => r.Id).Take(limit).ToListAsync(cancellationToken);
        if (found.Count < limit)
        {
            found.Sort();
            if (request.Descending)
            {
                found.Reverse();
            }

            return (found, new Count(found.Count, false));
        }

        return (null, request.ExactCount ? new Count(await filtered.Rows.CountAsync(cancellationToken), false) : new Count(ResultsPage.CountCap, true));
    }

    /// <summary>A row count; a lower bound when it stopped at <see cref="ResultsPage.CountCap"/>.</summary>
    private sealed record Count(int Total, bool LowerBound);

    private sealed record PageView(ResultsFilter Filter, string SortKey, bool Descending, int Page, int PageSize)
    {
        public long Offset => (long)Page * PageSize;
    }

    private sealed record PagePositions(List<SortPosition> Positions, Count Count);

    /// <summary>
    /// The page's positions. The next or previous page is read from the page on screen; any other page from the nearer
    /// end when it is within <see cref="PageAnchors.Spacing"/> rows of it, else from the nearest anchor before it.
    /// Each read skips fewer than <see cref="PageAnchors.Spacing"/> rows, so no page costs more than another.
    /// </summary>
    private async Task<PagePositions> ReadPageAsync(IQueryable<Registration> rows, PageView view, KeysetSort sort, Count count,
        ResultsPageBounds? from, CancellationToken cancellationToken)
    {
        var (descending, size, offset) = (view.Descending, view.PageSize, view.Offset);
        if (!count.LowerBound && offset >= count.Total)
        {
            return new([], count);
        }

        List<SortPosition> page;
        if (from is not null && from.SameView(view.Filter, view.SortKey, descending, size) && Math.Abs(view.Page - from.Page) == 1)
        {
            page = view.Page > from.Page
                ? await sort.ReadAsync(rows, from.Last, descending, 0, size + 1, cancellationToken)
                : await ReadBackAsync(sort, rows, from.First, descending, 0, size, cancellationToken);
            return WithCount(page, view, count, more: view.Page < from.Page);
        }

        if (offset <= anchorSets.Spacing)
        {
            page = await sort.ReadAsync(rows, null, descending, (int)offset, size + 1, cancellationToken);
            return WithCount(page, view, count, more: false);
        }

        var fromEnd = count.Total - offset - size;
        if (!count.LowerBound && fromEnd <= anchorSets.Spacing)
        {
            page = await ReadBackAsync(sort, rows, null, descending, (int)Math.Max(0, fromEnd), (int)Math.Min(size, count.Total - offset), cancellationToken);
            return new(page, count);
        }

        var key = new PageAnchors.AnchorKey(scope.AccountId ?? 0, view.Filter, view.SortKey, descending);
        var anchors = await anchorSets.GetAsync(key, count.LowerBound ? null : count.Total, sort, rows, cancellationToken);
        count = new Count(anchors.Total, false);
        var index = (int)((offset - 1) / anchorSets.Spacing);
        if (offset >= anchors.Total || index >= anchors.Positions.Count)
        {
            return new([], count);
        }

        page = await sort.ReadAsync(rows, anchors.Positions[index], descending, (int)(offset - 1 - ((long)index * anchorSets.Spacing)), size, cancellationToken);
        return new(page, count);
    }

    /// <summary>Rows before <paramref name="from"/> (before the end when null), read backwards, returned in page order.</summary>
    private static async Task<List<SortPosition>> ReadBackAsync(KeysetSort sort, IQueryable<Registration> rows, SortPosition? from,
        bool descending, int skip, int take, CancellationToken cancellationToken)
    {
        var page = await sort.ReadAsync(rows, from, !descending, skip, take, cancellationToken);
        page.Reverse();
        return page;
    }

    /// <summary>
    /// Drops the look-ahead row of a forward read; past a capped count the total grows with the pages read, so the
    /// pager always offers the next page while there is one.
    /// </summary>
    private static PagePositions WithCount(List<SortPosition> page, PageView view, Count count, bool more)
    {
        more |= page.Count > view.PageSize;
        if (page.Count > view.PageSize)
        {
            page.RemoveRange(view.PageSize, page.Count - view.PageSize);
        }

        return count.LowerBound
            ? new(page, count with { Total = (int)Math.Min(int.MaxValue, Math.Max(count.Total, view.Offset + page.Count + (more ? 1 : 0))) })
            : new(page, count);
    }

    private static async Task<Count> CountAsync(IQueryable<Registration> rows, IQueryable<RegistrationTally>? tallies, bool exact,
        CancellationToken cancellationToken)
    {
        if (tallies is not null)
        {
            return new(await tallies.SumAsync(t => t.Count, cancellationToken), false);
        }

        if (exact)
        {
            return new(await rows.CountAsync(cancellationToken), false);
        }

        var capped = await rows.Take(ResultsPage.CountCap + 1).CountAsync(cancellationToken);
        return capped > ResultsPage.CountCap ? new(ResultsPage.CountCap, true) : new(capped, false);
    }

    /// <summary>The rows of <paramref name="ids"/>, in that order (deferred join: only the page's rows are read).</summary>
    private static async Task<IReadOnlyList<ResultRow>> RowsAsync(DashboardDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await Project(db.Registrations.AsNoTracking().Where(r => ids.Contains(r.Id))).ToListAsync(cancellationToken);
        var position = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        return rows.OrderBy(r => position[r.Id]).ToList();
    }

    /// <summary>
    /// The ids of rows [skip, skip + take) of an ordering of <paramref name="count"/> rows. OFFSET walks the
    /// index entry by entry, so pages past the middle are read from the other end in reverse: no page
    /// walks more than half the index, and the last page is as cheap as the first.
    /// </summary>
    internal static async Task<List<int>> SliceAsync(Func<bool, IQueryable<Registration>> ordered, int count, int skip, int take,
        CancellationToken cancellationToken)
    {
        if (skip <= count / 2)
        {
            return await ordered(false).Skip(skip).Take(take).Select(r => r.Id).ToListAsync(cancellationToken);
        }

        var fromEnd = count - skip - take;
        var ids = await ordered(true).Skip(Math.Max(0, fromEnd)).Take(take + Math.Min(0, fromEnd))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        ids.Reverse();
        return ids;
    }

    private static SortApplier By<TKey>(Expression<Func<Registration, TKey>> key) =>
        (q, descending) => descending
            ? q.OrderByDescending(key).ThenByDescending(r => r.Id)
            : q.OrderBy(key).ThenBy(r => r.Id);

    private static SortApplier NullsAsSqlite<TKey>(Expression<Func<Registration, TKey>> key, Expression<Func<Registration, int>> hasValue) =>
        (q, descending) => descending
            ? q.OrderByDescending(hasValue).ThenByDescending(key).ThenByDescending(r => r.Id)
            : q.OrderBy(hasValue).ThenBy(key).ThenBy(r => r.Id);

    private static IOrderedQueryable<Registration> Sort(DashboardDbContext db, IQueryable<Registration> query, string? sortKey, bool descending)
    {
        var sorts = db.Database.IsNpgsql() ? PostgresSorts : Sorts;
        return (sortKey is not null && sorts.TryGetValue(sortKey, out var apply) ? apply : sorts[ResultsSortKeys.Id])(query, descending);
    }

    private static IQueryable<ResultRow> Project(IQueryable<Registration> query) =>
        query.Select(r => new ResultRow
        {
            Id = r.Id,
            CandidateId = r.CandidateId,
            GroupId = r.GroupId,
            GroupName = r.Group!.Name,
            LastName = r.Candidate!.LastName,
            FirstName = r.Candidate.FirstName,
            Email = r.Candidate.Email,
            ExternalId = r.ExternalId ?? r.Candidate.ExternalId,
            SubjectId = r.SubjectId,
            SubjectName = r.Subject!.Name,
            TestType = r.TestType,
            Scale = r.Subject.Scale,
            Status = r.Status,
            Score = r.Score,
            Level = r.Level,
            GraderId = r.GraderId,
            GraderName = r.Grader != null ? r.Grader.DisplayName : null,
            SessionId = r.SessionId,
            SessionName = r.Session != null ? r.Session.Name : null,
            ProctoringProfile = r.ProctoringProfile,
            ProctoringStatus = r.ProctoringStatus,
            IncidentCount = r.IncidentCount,
            CertificateValidated = r.CertificateValidated,
            RegisteredAt = r.RegisteredAt,
            StartedAt = r.StartedAt,
            CompletedAt = r.CompletedAt,
            DurationSeconds = r.DurationSeconds,
            CertificateNumber = r.CertificateNumber,
            // Only Tests in progress shows it; the CASE spares the per-row count for every finished sitting (export, bulk).
            AnsweredCount = r.Status == RegistrationStatus.InProgress ? r.Responses.Count() : 0,
            AdminComment = r.AdminComment,
        });
}
