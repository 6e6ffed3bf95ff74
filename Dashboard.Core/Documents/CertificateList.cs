using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

public sealed record CertificateListRequest(string? Search = null, int? GroupId = null, int? SubjectId = null, int Page = 0, int PageSize = 25,
    bool IncludeArchivedGroups = false);

public sealed record CertificateRow(int RegistrationId, string LastName, string FirstName, string GroupName, string SubjectName,
    ScoreScale Scale, double Score, ScoreLevel? Level, DateTimeOffset CompletedAt, string? CertificateNumber);

public sealed record ListPage<T>(IReadOnlyList<T> Rows, int TotalCount);

public sealed record Choice(int Id, string Name);

/// <summary>The Certificates sub-page: validated certifications only (the same rule as the diploma itself).</summary>
public sealed class CertificateList(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope)
{
    public async Task<ListPage<CertificateRow>> ListAsync(CertificateListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Validated(db);
        query = await RegistrationListFilters.InGroupAsync(query, db, request.GroupId, request.IncludeArchivedGroups, cancellationToken);

        if (request.SubjectId is { } subjectId)
        {
            query = query.Where(r => r.SubjectId == subjectId);
        }

        query = RegistrationListFilters.Matching(query, request.Search, includeCertificateNumber: true);

        var zone = await AccountTimeZone.FindAsync(db, scope.RequireAccountId(), cancellationToken);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(r => r.CompletedAt).ThenByDescending(r => r.Id)
            .Skip(request.Page * request.PageSize).Take(request.PageSize)
            .Select(r => new CertificateRow(r.Id, r.Candidate!.LastName, r.Candidate.FirstName, r.Group!.Name, r.Subject!.Name,
                r.Subject.Scale, r.Score!.Value, r.Level, r.CompletedAt!.Value, r.CertificateNumber))
            .ToListAsync(cancellationToken);
        return new ListPage<CertificateRow>(rows.Select(r => r with { CompletedAt = TimeZoneInfo.ConvertTime(r.CompletedAt, zone) }).ToList(), total);
    }

    /// <summary>Groups and subjects that have at least one validated certification (the page's filter lists).</summary>
    public async Task<(IReadOnlyList<Choice> Groups, IReadOnlyList<Choice> Subjects)> ChoicesAsync(bool includeArchivedGroups = false,
        CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = await RegistrationListFilters.GroupChoicesAsync(db, includeArchivedGroups, cancellationToken);
        var subjectIds = await Validated(db).Select(r => r.SubjectId).Distinct().ToListAsync(cancellationToken);
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
        return (groups, subjects);
    }

    /// <summary>ScoreCalculator.IsCertificationValidated, in SQL, plus the registration's validated flag.</summary>
    private static IQueryable<Registration> Validated(DashboardDbContext db) =>
        db.Registrations.AsNoTracking().Where(r => r.TestType == TestType.Certification
            && r.Status == RegistrationStatus.Completed
            && r.CertificateValidated
            && r.ProctoringStatus != ProctoringStatus.Invalid
            && r.Score != null && r.Score >= r.Subject!.CertificationThreshold);
}
