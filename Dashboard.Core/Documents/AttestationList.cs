using System.Linq.Expressions;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

public sealed record AttestationListRequest(string? Search = null, int? GroupId = null, int? SessionId = null, int Page = 0, int PageSize = 25,
    bool IncludeArchivedGroups = false);

public sealed record AttestationRow(int RegistrationId, string LastName, string FirstName, string GroupName, string SubjectName, TestType TestType,
    string? SessionName, RegistrationStatus Status, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, ProctoringProfile Proctoring);

/// <summary>The Sitting attestation sub-page: sittings that were taken (pending grading or completed).</summary>
public sealed class AttestationList(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope)
{
    /// <summary>A sitting that was taken: submitted (pending grading) or completed. One still in progress gets no attestation.</summary>
    internal static readonly Expression<Func<Registration, bool>> Taken = r => r.StartedAt != null
        && (r.Status == RegistrationStatus.Completed || r.Status == RegistrationStatus.PendingGrading);

    public async Task<ListPage<AttestationRow>> ListAsync(AttestationListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Registrations.AsNoTracking().Where(Taken);
        query = await RegistrationListFilters.InGroupAsync(query, db, request.GroupId, request.IncludeArchivedGroups, cancellationToken);

        if (request.SessionId is { } sessionId)
        {
            query = query.Where(r => r.SessionId == sessionId);
        }

        query = RegistrationListFilters.Matching(query, request.Search, includeCertificateNumber: false);

        var zone = await AccountTimeZone.FindAsync(db, scope.RequireAccountId(), cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Skip(request.Page * request.PageSize).Take(request.PageSize)
            .Select(r => new AttestationRow(r.Id, r.Candidate!.LastName, r.Candidate.FirstName, r.Group!.Name, r.Subject!.Name, r.TestType,
                r.Session != null ? r.Session.Name : null, r.Status, r.StartedAt!.Value, r.CompletedAt, r.ProctoringProfile))
            .ToListAsync(cancellationToken);
        return new ListPage<AttestationRow>(rows.Select(r => r with
        {
            StartedAt = TimeZoneInfo.ConvertTime(r.StartedAt, zone),
            CompletedAt = r.CompletedAt is { } completed ? TimeZoneInfo.ConvertTime(completed, zone) : null,
        }).ToList(), total);
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
