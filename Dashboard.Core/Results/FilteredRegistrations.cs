using System.Linq.Expressions;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>
/// A <see cref="ResultsFilter"/> applied, once: the registrations it selects and, when every criterion is one the
/// tallies hold (group, archiving, status, type, subject), the same selection over the tallies, which count it
/// without reading the registrations. Each criterion says in one place how it narrows both, so the count and the
/// page cannot disagree. With a search, <see cref="InRange"/> gives the same rows within an Id range, the search index
/// read over that range only (see <see cref="SearchProbe"/>).
/// </summary>
internal sealed record FilteredRegistrations(IQueryable<Registration> Rows, IQueryable<RegistrationTally>? Tallies)
{
    /// <summary>The search, when the filter has one.</summary>
    public SearchText? Search { get; private init; }

    /// <summary>The rows whose Id is in a range (with a search only).</summary>
    public Func<IdRange, IQueryable<Registration>>? InRange { get; private init; }

    /// <summary>
    /// With a search, the Ids of queries whose union is <see cref="Rows"/>, each cheap to read in Id order
    /// (<see cref="ResultsSearch.Parts"/>, <see cref="ResultsSearch.AlongIndex"/>).
    /// </summary>
    public IReadOnlyList<Func<bool, IQueryable<int>>> Parts { get; private init; } = [];

    /// <summary>How one criterion narrows the registrations, and the tallies when they hold its column (else null).</summary>
    private sealed record Criterion(
        Func<IQueryable<Registration>, IQueryable<Registration>> Rows,
        Expression<Func<RegistrationTally, bool>>? Tallies);

    private static Criterion Where(Expression<Func<Registration, bool>> rows, Expression<Func<RegistrationTally, bool>>? tallies) =>
        new(q => q.Where(rows), tallies);

    public static async Task<FilteredRegistrations> ApplyAsync(DashboardDbContext db, ResultsFilter filter, GroupTree groups,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(groups);
        var criteria = new List<Criterion>();
        if (filter.GroupId is { } groupId)
        {
            var ids = groups.WithDescendants(groupId);
            criteria.Add(Where(r => ids.Contains(r.GroupId), t => ids.Contains(t.GroupId)));
        }

        var excludedArchive = 0;
        if (!filter.IncludeArchivedGroups && groups.HiddenWhenArchivedAreExcluded() is { Count: > 0 } archived)
        {
            criteria.Add(Where(r => !archived.Contains(r.GroupId), t => !archived.Contains(t.GroupId)));
            excludedArchive = 1;
        }

        if (filter.Status is { } status)
        {
            criteria.Add(Where(r => r.Status == status, t => t.Status == status));
        }

        if (filter.TestType is { } testType)
        {
            criteria.Add(Where(r => r.TestType == testType, t => t.TestType == testType));
        }

        if (filter.SessionId is { } sessionId)
        {
            criteria.Add(Where(r => r.SessionId == sessionId, null));
        }

        if (filter.SubjectId is { } subjectId)
        {
            criteria.Add(Where(r => r.SubjectId == subjectId, t => t.SubjectId == subjectId));
        }

        if (filter.ActivityFrom is { } activityFrom && filter.ActivityTo is { } activityTo)
        {
            criteria.Add(Where(r => (r.StartedAt >= activityFrom && r.StartedAt < activityTo)
                || (r.CompletedAt >= activityFrom && r.CompletedAt < activityTo), null));
        }

        if (filter.CompletedFrom is { } completedFrom)
        {
            criteria.Add(Where(r => r.CompletedAt >= completedFrom, null));
        }

        if (filter.CompletedTo is { } completedTo)
        {
            criteria.Add(Where(r => r.CompletedAt < completedTo, null));
        }

        if (filter.TakenOnly)
        {
            criteria.Add(Where(RegistrationRules.Taken, null));
        }

        if (filter.ValidatedCertificatesOnly)
        {
            criteria.Add(Where(RegistrationRules.ValidatedCertificate, null));
        }

        if (filter.CertificateNumber is { } number)
        {
            criteria.Add(Where(r => r.CertificateNumber!.StartsWith(number), null));
        }

        // Only the account and the archive narrow the rows: a search's matches are read along its index, each checked against them.
        var broad = criteria.Count == excludedArchive;
        var search = SearchText.Parse(filter.Search);
        IReadOnlyList<(int Id, string Name)> subjects = search is null || search.LongTerms.Count == 0 ? []
            : (await db.Subjects.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken))
                .Select(s => (s.Id, Name: TextFold.Fold(s.Name))).ToList();
        if (search is not null)
        {
            criteria.Add(new(q => ResultsSearch.Apply(db, q, search, subjects), null));
        }

        var rows = criteria.Aggregate(db.Registrations.AsNoTracking(), (query, criterion) => criterion.Rows(query));
        // The tallies are kept by triggers on both providers (RegistrationTallies).
        var tallies = criteria.TrueForAll(c => c.Tallies is not null)
            ? criteria.Aggregate(db.Set<RegistrationTally>().AsNoTracking(), (query, criterion) => query.Where(criterion.Tallies!))
            : null;
        if (search is null)
        {
            return new FilteredRegistrations(rows, tallies);
        }

        var unsearched = criteria.SkipLast(1).Aggregate(db.Registrations.AsNoTracking(), (query, criterion) => criterion.Rows(query));
        var parts = ResultsSearch.Parts(search, subjects);
        return new FilteredRegistrations(rows, tallies)
        {
            Search = search,
            Parts = parts.Count == 0
                ? [(broad ? ResultsSearch.AlongIndex(db, unsearched, search, subjects, part: null) : null) ?? InIdOrder(rows)]
                : parts.Select(p => (broad ? ResultsSearch.AlongIndex(db, unsearched, search, subjects, p) : null)
                    ?? InIdOrder(ResultsSearch.Apply(db, unsearched, search, subjects, part: p))).ToList(),
            InRange = range => ResultsSearch.Apply(db, unsearched.Where(r => r.Id >= range.First && r.Id <= range.Last), search, subjects, range),
        };
    }

    private static Func<bool, IQueryable<int>> InIdOrder(IQueryable<Registration> rows) =>
        descending => descending ? rows.OrderByDescending(r => r.Id).Select(r => r.Id) : rows.OrderBy(r => r.Id).Select(r => r.Id);
}

/// <summary>Registration Ids from <see cref="First"/> to <see cref="Last"/>, both included.</summary>
internal readonly record struct IdRange(int First, int Last);
