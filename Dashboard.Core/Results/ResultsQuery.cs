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

    public async Task<ResultsPage> GetPageAsync(ResultsPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filtered = await FilterAsync(db, request.Filter, cancellationToken);
        var total = await filtered.CountAsync(cancellationToken);

        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var skip = (long)Math.Max(0, request.Page) * pageSize;
        if (skip >= total)
        {
            return new ResultsPage([], total);
        }

        var rows = await Project(Sort(filtered, request.SortKey, request.Descending).Skip((int)skip).Take(pageSize))
            .ToListAsync(cancellationToken);
        return new ResultsPage(rows, total);
    }

    public async Task<int> CountAsync(ResultsFilter filter, CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (await FilterAsync(db, filter, cancellationToken)).CountAsync(cancellationToken);
    }

    public async IAsyncEnumerable<ResultRow> StreamAsync(ResultsFilter filter, string? sortKey = null, bool descending = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filtered = await FilterAsync(db, filter, cancellationToken);
        await foreach (var row in Project(Sort(filtered, sortKey, descending)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    private static async Task<IQueryable<Registration>> FilterAsync(DashboardDbContext db, ResultsFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Registrations.AsNoTracking();

        if (filter.GroupId is not null || !filter.IncludeArchivedGroups)
        {
            var groups = await GroupTree.LoadAsync(db, cancellationToken);
            if (filter.GroupId is { } groupId)
            {
                var ids = groups.WithDescendants(groupId);
                query = query.Where(r => ids.Contains(r.GroupId));
            }

            if (!filter.IncludeArchivedGroups)
            {
                var archived = groups.HiddenWhenArchivedAreExcluded();
                if (archived.Count > 0)
                {
                    query = query.Where(r => !archived.Contains(r.GroupId));
                }
            }
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

        if (SearchText.Parse(filter.Search) is { } search)
        {
            query = ApplySearch(db, query, search);
        }

        return query;
    }

    /// <summary>
    /// Terms of 3+ characters go to the trigram index (any substring of the names, email or test name);
    /// shorter terms are matched on the folded "last first" name: the first as an indexed prefix when it
    /// is the only kind of term, otherwise as a substring of the rows the index already narrowed.
    /// A number also matches the registration ID exactly.
    /// </summary>
    private static IQueryable<Registration> ApplySearch(DashboardDbContext db, IQueryable<Registration> query, SearchText search)
    {
        var text = query;
        var shortTerms = search.ShortTerms;
        if (search.LongTerms.Count > 0)
        {
            var match = SearchIndex.MatchExpression(search.LongTerms);
            var ids = db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM RegistrationSearch WHERE RegistrationSearch MATCH {match}");
            text = text.Where(r => ids.Contains(r.Id));
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

    private static SortApplier By<TKey>(Expression<Func<Registration, TKey>> key) =>
        (q, descending) => descending
            ? q.OrderByDescending(key).ThenByDescending(r => r.Id)
            : q.OrderBy(key).ThenBy(r => r.Id);

    private static IOrderedQueryable<Registration> Sort(IQueryable<Registration> query, string? sortKey, bool descending) =>
        (sortKey is not null && Sorts.TryGetValue(sortKey, out var apply) ? apply : Sorts[ResultsSortKeys.Id])(query, descending);

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
            AnsweredCount = r.Responses.Count(),
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
