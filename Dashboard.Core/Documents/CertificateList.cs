using System.Text.RegularExpressions;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

public sealed record CertificateListRequest(string? Search = null, int? GroupId = null, int? SubjectId = null, int Page = 0, int PageSize = 25,
    bool IncludeArchivedGroups = false);

public sealed record CertificateRow(int RegistrationId, string LastName, string FirstName, string GroupName, string SubjectName,
    ScoreScale Scale, double Score, ScoreLevel? Level, DateTimeOffset CompletedAt, string? CertificateNumber);

public sealed record ListPage<T>(IReadOnlyList<T> Rows, int TotalCount);

public sealed record Choice(int Id, string Name);

/// <summary>The Certificates sub-page: validated certifications only (the same rule as the diploma itself), selected like the grid.</summary>
public sealed partial class CertificateList(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, IResultsQuery results, AccountCalendars calendars)
{
    public async Task<ListPage<CertificateRow>> ListAsync(CertificateListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        scope.Demand(Privileges.ViewResults);
        var filter = new ResultsFilter
        {
            ValidatedCertificatesOnly = true,
            GroupId = request.GroupId,
            SubjectId = request.SubjectId,
            IncludeArchivedGroups = request.IncludeArchivedGroups,
        };
        // A certificate number is looked up as such; anything else is searched like the Results grid.
        filter = CertificateNumber().IsMatch(request.Search?.Trim() ?? "")
            ? filter with { CertificateNumber = request.Search!.Trim().ToUpperInvariant() }
            : filter with { Search = request.Search };
        var page = await results.GetPageAsync(
            new ResultsPageRequest(filter, ResultsSortKeys.CompletedAt, Descending: true, request.Page, request.PageSize), cancellationToken);
        var calendar = await calendars.CurrentAsync(cancellationToken);

        return new ListPage<CertificateRow>(page.Rows.Select(r => new CertificateRow(r.Id, r.LastName, r.FirstName, r.GroupName, r.SubjectName,
            r.Scale, r.Score ?? 0, r.Level, calendar.ToLocal(r.CompletedAt!.Value), r.CertificateNumber)).ToList(), page.TotalCount);
    }

    /// <summary>Groups and subjects that have at least one validated certification (the page's filter lists).</summary>
    public async Task<(IReadOnlyList<Choice> Groups, IReadOnlyList<Choice> Subjects)> ChoicesAsync(bool includeArchivedGroups = false,
        CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = await RegistrationListFilters.GroupChoicesAsync(db, includeArchivedGroups, cancellationToken);
        var subjectIds = await db.Registrations.AsNoTracking().Where(RegistrationRules.ValidatedCertificate).Select(r => r.SubjectId).Distinct()
            .ToListAsync(cancellationToken);
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
        return (groups, subjects);
    }

    /// <summary>"RD-2026-0001234", or the start of one ("rd-2026").</summary>
    [GeneratedRegex(@"^RD-\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CertificateNumber();
}
