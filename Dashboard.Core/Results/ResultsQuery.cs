using System.Globalization;
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
/// </summary>
internal sealed class ResultsQuery(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope) : IResultsQuery
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
        var filtered = await FilterAsync(db, filter, groups, cancellationToken);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var skip = (long)Math.Max(0, request.Page) * pageSize;
        var sortKey = request.SortKey is not null && Sorts.ContainsKey(request.SortKey) ? request.SortKey : ResultsSortKeys.Id;

        int total;
        List<int> ids;
        if (SearchText.Parse(filter.Search) is not null && await SmallResultAsync(filtered, cancellationToken) is { } few)
        {
            // A narrow search: sorting its few rows beats walking a sort index in the hope of meeting them
            // (SQLite cannot tell how many rows the trigram index will return).
            filtered = db.Registrations.AsNoTracking().Where(r => few.Contains(r.Id));
        }

        if (SegmentSorts.TryGetValue(sortKey, out var segments))
        {
            var counts = await segments.CountAsync(db, filtered, Tallies(db, filter, groups), cancellationToken);
            total = counts.Values.Sum();
            ids = skip >= total ? [] : await segments.PageIdsAsync(db, filtered, groups, counts, request.Descending, (int)skip, pageSize, cancellationToken);
        }
        else
        {
            total = await CountAsync(db, filtered, filter, groups, cancellationToken);
            // Deferred join: the page's ids come from one index walk, then only those rows are joined.
            ids = skip >= total ? [] : await SliceAsync(
                reverse => Sort(db, filtered, sortKey, request.Descending ^ reverse), total, (int)skip, pageSize, cancellationToken);
        }

        if (ids.Count == 0)
        {
            return new ResultsPage([], total);
        }

        var rows = await Project(db.Registrations.AsNoTracking().Where(r => ids.Contains(r.Id))).ToListAsync(cancellationToken);
        var position = ids.Select((id, index) => (id, index)).ToDictionary(x => x.id, x => x.index);
        return new ResultsPage(rows.OrderBy(r => position[r.Id]).ToList(), total);
    }

    public async Task<int> CountAsync(ResultsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = await GroupTree.LoadAsync(db, cancellationToken);
        return await CountAsync(db, await FilterAsync(db, filter, groups, cancellationToken), filter, groups, cancellationToken);
    }

    public async IAsyncEnumerable<ResultRow> StreamAsync(ResultsFilter filter, string? sortKey = null, bool descending = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = await GroupTree.LoadAsync(db, cancellationToken);
        var filtered = await FilterAsync(db, filter, groups, cancellationToken);
        await foreach (var row in Project(Sort(db, filtered, sortKey, descending)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>The ids of every filtered row when there are at most <see cref="SmallResult"/> of them; otherwise null.</summary>
    private static async Task<List<int>?> SmallResultAsync(IQueryable<Registration> filtered, CancellationToken cancellationToken)
    {
        var ids = await filtered.Select(r => r.Id).Take(SmallResult + 1).ToListAsync(cancellationToken);
        return ids.Count <= SmallResult ? ids : null;
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

    private static async Task<int> CountAsync(DashboardDbContext db, IQueryable<Registration> filtered, ResultsFilter filter, GroupTree groups, CancellationToken cancellationToken) =>
        Tallies(db, filter, groups) is { } tallies
            ? await tallies.SumAsync(t => t.Count, cancellationToken)
            : await filtered.CountAsync(cancellationToken);

    internal static async Task<IQueryable<Registration>> FilterAsync(DashboardDbContext db, ResultsFilter filter, GroupTree groups, CancellationToken cancellationToken)
    {
        var query = db.Registrations.AsNoTracking();

        if (filter.GroupId is { } groupId)
        {
            var ids = groups.WithDescendants(groupId);
            query = query.Where(r => ids.Contains(r.GroupId));
        }

        if (!filter.IncludeArchivedGroups && groups.HiddenWhenArchivedAreExcluded() is { Count: > 0 } archived)
        {
            query = query.Where(r => !archived.Contains(r.GroupId));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.TestType is { } testType)
        {
            query = query.Where(r => r.TestType == testType);
        }

        if (filter.SessionId is { } sessionId)
        {
            query = query.Where(r => r.SessionId == sessionId);
        }

        if (filter.SubjectId is { } subjectId)
        {
            query = query.Where(r => r.SubjectId == subjectId);
        }

        if (filter.ActivityFrom is { } activityFrom && filter.ActivityTo is { } activityTo)
        {
            query = query.Where(r => (r.StartedAt >= activityFrom && r.StartedAt < activityTo)
                || (r.CompletedAt >= activityFrom && r.CompletedAt < activityTo));
        }

        if (filter.CompletedFrom is { } completedFrom)
        {
            query = query.Where(r => r.CompletedAt >= completedFrom);
        }

        if (filter.CompletedTo is { } completedTo)
        {
            query = query.Where(r => r.CompletedAt < completedTo);
        }

        if (filter.TakenOnly)
        {
            query = query.Where(RegistrationRules.Taken);
        }

        if (filter.ValidatedCertificatesOnly)
        {
            query = query.Where(RegistrationRules.ValidatedCertificate);
        }

        if (filter.CertificateNumber is { } number)
        {
            query = query.Where(r => r.CertificateNumber!.StartsWith(number));
        }

        if (SearchText.Parse(filter.Search) is { } search)
        {
            query = await ApplySearchAsync(db, query, search, cancellationToken);
        }

        return query;
    }

    /// <summary>
    /// The same filter over the tallies, when every criterion is one the tallies hold (group, archiving,
    /// status, type, subject); null when the filter needs the registrations themselves.
    /// </summary>
    private static IQueryable<RegistrationTally>? Tallies(DashboardDbContext db, ResultsFilter filter, GroupTree groups)
    {
        // The tallies are kept by triggers on both providers (RegistrationTallies).
        if (SearchText.Parse(filter.Search) is not null || filter.SessionId is not null
            || (filter.ActivityFrom is not null && filter.ActivityTo is not null)
            || filter.CompletedFrom is not null || filter.CompletedTo is not null
            || filter.TakenOnly || filter.ValidatedCertificatesOnly || filter.CertificateNumber is not null)
        {
            return null;
        }

        var tallies = db.Set<RegistrationTally>().AsNoTracking();
        if (filter.GroupId is { } groupId)
        {
            var ids = groups.WithDescendants(groupId);
            tallies = tallies.Where(t => ids.Contains(t.GroupId));
        }

        if (!filter.IncludeArchivedGroups && groups.HiddenWhenArchivedAreExcluded() is { Count: > 0 } archived)
        {
            tallies = tallies.Where(t => !archived.Contains(t.GroupId));
        }

        if (filter.Status is { } status)
        {
            tallies = tallies.Where(t => t.Status == status);
        }

        if (filter.TestType is { } testType)
        {
            tallies = tallies.Where(t => t.TestType == testType);
        }

        if (filter.SubjectId is { } subjectId)
        {
            tallies = tallies.Where(t => t.SubjectId == subjectId);
        }

        return tallies;
    }

    /// <summary>
    /// Terms of 3+ characters go to the trigram index (any substring of the names or email) or match a test
    /// name (the catalogue is small: folded and compared here, so "excel" does not pull a fifth of the index);
    /// shorter terms are matched on the folded "last first" name: the first as an indexed prefix when it is
    /// the only kind of term, otherwise as a substring of the rows already narrowed. A number also matches
    /// the registration ID exactly. Every term must match.
    /// </summary>
    private static async Task<IQueryable<Registration>> ApplySearchAsync(DashboardDbContext db, IQueryable<Registration> query,
        SearchText search, CancellationToken cancellationToken)
    {
        var text = query;
        var shortTerms = search.ShortTerms;
        if (search.LongTerms.Count > 0)
        {
            var subjects = (await db.Subjects.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
                .Select(s => (s.Id, Name: TextFold.Fold(s.Name))).ToList();
            var nameTerms = new List<string>();
            foreach (var term in search.LongTerms)
            {
                var subjectIds = subjects.Where(s => s.Name.Contains(term, StringComparison.Ordinal)).Select(s => s.Id).ToList();
                if (subjectIds.Count == 0)
                {
                    nameTerms.Add(term);
                    continue;
                }

                var ids = Matches(db, [term]);
                text = text.Where(r => subjectIds.Contains(r.SubjectId) || ids.Contains(r.Id));
            }

            if (nameTerms.Count > 0)
            {
                var ids = Matches(db, nameTerms);
                text = text.Where(r => ids.Contains(r.Id));
            }
        }
        else
        {
            var low = shortTerms[0];
            var high = low + char.ConvertFromUtf32(0x10FFFF);
#pragma warning disable CA1309 // Translated to SQL (a BINARY range on the SortName index), never run in .NET.
            text = text.Where(r => string.Compare(r.SortName, low) >= 0 && string.Compare(r.SortName, high) < 0);
#pragma warning restore CA1309
            shortTerms = shortTerms.Skip(1).ToList();
        }

        foreach (var term in shortTerms)
        {
            text = text.Where(r => r.SortName.Contains(term));
        }

        if (search.Id is { } id)
        {
            var byId = query.Where(r => r.Id == id);
            return text.Union(byId);
        }

        return text;
    }

    /// <summary>Registration ids whose candidate's names or email contain every term.</summary>
    private static IQueryable<int> Matches(DashboardDbContext db, IReadOnlyList<string> terms) =>
        SearchIndex.MatchingRegistrationIds(db, terms);

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

/// <summary>Search text split into plain-text terms. Never fails: anything the user types is just characters.</summary>
internal sealed record SearchText(IReadOnlyList<string> LongTerms, IReadOnlyList<string> ShortTerms, int? Id)
{
    /// <summary>Bounds the work a pasted paragraph can cause.</summary>
    private const int MaxTerms = 8;

    public static SearchText? Parse(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }

        var cleaned = WithoutControlsOrBrokenSurrogates(search);
        var terms = cleaned.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(TextFold.Fold)
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTerms)
            .ToList();
        if (terms.Count == 0)
        {
            return null;
        }

        int? id = int.TryParse(cleaned.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new SearchText(
            terms.Where(t => t.Length >= 3).ToList(),
            terms.Where(t => t.Length < 3).ToList(),
            id);
    }

    private static string WithoutControlsOrBrokenSurrogates(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
