using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

public sealed record AttestationListRequest(string? Search = null, int? GroupId = null, int? SessionId = null, int Page = 0, int PageSize = 25,
    bool IncludeArchivedGroups = false);

public sealed record AttestationRow(int RegistrationId, string LastName, string FirstName, string GroupName, string SubjectName, TestType TestType,
    string? SessionName, RegistrationStatus Status, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, ProctoringProfile Proctoring);

/// <summary>The Sitting attestation sub-page: sittings that were taken (pending grading or completed), selected like the grid.</summary>
public sealed class AttestationList(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, IResultsQuery results, AccountCalendars calendars)
{
    public async Task<ListPage<AttestationRow>> ListAsync(AttestationListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        scope.Demand(Privileges.ViewResults);
        var filter = new ResultsFilter
        {
            TakenOnly = true,
            Search = request.Search,
            GroupId = request.GroupId,
            SessionId = request.SessionId,
            IncludeArchivedGroups = request.IncludeArchivedGroups,
        };
        var page = await results.GetPageAsync(
            new ResultsPageRequest(filter, ResultsSortKeys.StartedAt, Descending: true, request.Page, request.PageSize), cancellationToken);
        var calendar = await calendars.CurrentAsync(cancellationToken);

        return new ListPage<AttestationRow>(page.Rows.Select(r => new AttestationRow(r.Id, r.LastName, r.FirstName, r.GroupName, r.SubjectName,
            r.TestType, r.SessionName, r.Status, calendar.ToLocal(r.StartedAt!.Value), calendar.ToLocal(r.CompletedAt), r.ProctoringProfile)).ToList(),
            page.TotalCount);
    }

    public async Task<(IReadOnlyList<Choice> Groups, IReadOnlyList<Choice> Sessions)> ChoicesAsync(bool includeArchivedGroups = false,
        CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = await RegistrationListFilters.GroupChoicesAsync(db, includeArchivedGroups, cancellationToken);
        var sessions = await db.TestSessions.AsNoTracking().OrderByDescending(s => s.StartsOn).Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
        return (groups, sessions);
    }
}
