using System.Linq.Expressions;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

/// <summary>
/// Loads what a document shows (account-scoped by the tenant filter, privileges demanded here) and hands it
/// to a renderer in Pdf/ or Excel/. Dates are shown in the account's time zone, named.
/// </summary>
public sealed partial class DocumentService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    AccountScope scope,
    TimeProvider time,
    IResultsQuery resultsQuery) : IDocumentService
{
    private const string PdfType = "application/pdf";
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string ZipType = "application/zip";

    private AccountCalendar? _calendar;

    /// <summary>The registration → sitting projection shared by every document (translated to SQL).</summary>
    private static readonly Expression<Func<Registration, SittingInfo>> ToSitting = r => new SittingInfo
    {
        RegistrationId = r.Id,
        CandidateId = r.CandidateId,
        FirstName = r.Candidate!.FirstName,
        LastName = r.Candidate.LastName,
        Email = r.Candidate.Email,
        ExternalId = r.ExternalId ?? r.Candidate.ExternalId,
        GroupName = r.Group!.Name,
        SubjectId = r.SubjectId,
        SubjectName = r.Subject!.Name,
        TestType = r.TestType,
        Scale = r.Subject.Scale,
        SessionName = r.Session != null ? r.Session.Name : null,
        Status = r.Status,
        StartedAt = r.StartedAt,
        CompletedAt = r.CompletedAt,
        DurationSeconds = r.DurationSeconds,
        Score = r.Score,
        Level = r.Level,
        Proctoring = r.ProctoringProfile,
    };

    private async Task<AccountCalendar> CalendarAsync(DashboardDbContext db, CancellationToken cancellationToken) =>
        _calendar ??= await AccountCalendar.LoadAsync(db, scope.RequireAccountId(), cancellationToken);

    private async Task<string> AccountNameAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var accountId = scope.RequireAccountId();
        return await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
    }

    private DateTimeOffset Now(AccountCalendar calendar) => calendar.ToLocal(time.GetUtcNow());

    private static SittingInfo Local(SittingInfo s, AccountCalendar calendar) => s with
    {
        StartedAt = calendar.ToLocal(s.StartedAt),
        CompletedAt = calendar.ToLocal(s.CompletedAt),
    };

    private static Task<Subject?> SubjectWithItemBankAsync(DashboardDbContext db, int subjectId, CancellationToken cancellationToken) =>
        db.Subjects.AsNoTracking().AsSplitQuery()
            .Include(s => s.Skills)
            .Include(s => s.Questions)
            .FirstOrDefaultAsync(s => s.Id == subjectId, cancellationToken);

    /// <summary>Points per answered question of each registration, for <see cref="Scoring.ScoreCalculator.Compute"/>.</summary>
    private static async Task<ILookup<int, Response>> ResponsesAsync(DashboardDbContext db, IReadOnlyCollection<int> registrationIds, CancellationToken cancellationToken)
    {
        var ids = registrationIds.ToList();
        var rows = await db.Responses.AsNoTracking()
            .Where(x => ids.Contains(x.RegistrationId))
            .Select(x => new Response { RegistrationId = x.RegistrationId, QuestionId = x.QuestionId, Points = x.Points, Order = x.Order })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(x => x.RegistrationId);
    }

    private static GeneratedFile Pdf(string name, byte[] content) => new(name + ".pdf", PdfType, content);

    internal static string FileName(params object?[] parts) => DocumentFileNames.Compose(parts);

    /// <summary>The document language, its times labelled with the account's zone.</summary>
    private static DocumentText TextFor(string? language, AccountCalendar calendar) => DocumentText.For(language).In(calendar.ZoneName);
}
