using System.IO.Compression;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Documents.Pdf;
using Dashboard.Core.Domain;
using Dashboard.Core.Localization;
using Dashboard.Core.Results;
using Dashboard.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

public sealed partial class DocumentService
{
    public async Task<GeneratedFile> IndividualReportAsync(int registrationId, string language, CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await CalendarAsync(db, cancellationToken);
        var text = TextFor(language, calendar);
        var sitting = await db.Registrations.AsNoTracking()
            .Where(r => r.Id == registrationId && r.Status == RegistrationStatus.Completed)
            .Select(ToSitting)
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(UserText.Get<DocumentsErrors>("ReportNotFound", registrationId));

        var responses = await db.Responses.AsNoTracking()
            .Where(x => x.RegistrationId == registrationId)
            .OrderBy(x => x.Order)
            .ToListAsync(cancellationToken);
        var questionIds = responses.Select(x => x.QuestionId).ToList();
        var subject = new Subject
        {
            Name = sitting.SubjectName,
            Scale = sitting.Scale,
            Skills = await db.Skills.AsNoTracking().Where(k => k.SubjectId == sitting.SubjectId).ToListAsync(cancellationToken),
            Questions = await db.Questions.AsNoTracking().Where(q => questionIds.Contains(q.Id)).ToListAsync(cancellationToken),
        };
        var scores = ScoreCalculator.Compute(subject, responses);
        var questions = subject.Questions.ToDictionary(q => q.Id);
        var skills = subject.Skills.ToDictionary(k => k.Id, k => k.Name);
        var lines = responses.Select((r, i) =>
        {
            var q = questions[r.QuestionId];
            return new QuestionLine(i + 1, q.Text, skills.GetValueOrDefault(q.SkillId, ""), r.Answer, q.CorrectAnswer, r.Points, q.MaxPoints, r.TimeSpentSeconds, q.ManuallyGraded,
                q.ManuallyGraded ? r.GraderComment : null);
        }).ToList();

        var model = new IndividualReportModel(Local(sitting, calendar), scores, lines, Now(calendar));
        return Pdf(FileName(text["File.Report"], sitting.RegistrationId, sitting.LastName, sitting.FirstName), IndividualReportPdf.Render(model, text));
    }

    public async Task<GeneratedFile> ProgressionReportForRegistrationAsync(int registrationId, string language, CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.Registrations.AsNoTracking().Where(r => r.Id == registrationId)
            .Select(r => new { r.CandidateId, r.SubjectId })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(UserText.Get<AccountsErrors>("RegistrationNotFound", registrationId));
        return await IndividualProgressionReportAsync(key.CandidateId, key.SubjectId, language, cancellationToken);
    }

    public async Task<GeneratedFile> IndividualProgressionReportAsync(int candidateId, int subjectId, string language, CancellationToken cancellationToken = default)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await CalendarAsync(db, cancellationToken);
        var text = TextFor(language, calendar);
        var completed = db.Registrations.AsNoTracking()
            .Where(r => r.CandidateId == candidateId && r.SubjectId == subjectId && r.Status == RegistrationStatus.Completed && r.CompletedAt != null);
        var initial = await completed.OrderBy(r => r.CompletedAt).ThenBy(r => r.Id).Select(ToSitting).FirstOrDefaultAsync(cancellationToken);
        var final = await completed.OrderByDescending(r => r.CompletedAt).ThenByDescending(r => r.Id).Select(ToSitting).FirstOrDefaultAsync(cancellationToken);
        if (initial is null || final is null || initial.RegistrationId == final.RegistrationId)
        {
            throw new NotFoundException(UserText.Get<DocumentsErrors>("NoProgression"));
        }

        var subject = await SubjectWithItemBankAsync(db, subjectId, cancellationToken) ?? throw new NotFoundException(UserText.Get<DocumentsErrors>("SubjectNotFound", subjectId));
        var responses = await ResponsesAsync(db, [initial.RegistrationId, final.RegistrationId], cancellationToken);
        var model = new ProgressionModel(
            Local(initial, calendar), ScoreCalculator.Compute(subject, responses[initial.RegistrationId]),
            Local(final, calendar), ScoreCalculator.Compute(subject, responses[final.RegistrationId]), Now(calendar));
        return Pdf(FileName(text["File.Progression"], final.LastName, final.FirstName, subject.Name), ProgressionReportPdf.Render(model, text));
    }

    /// <summary>Reads the number and code the <see cref="CertificateIssuer"/> gave at validation: a download never writes.</summary>
    public async Task<GeneratedFile> CertificateAsync(int registrationId, string language, CancellationToken cancellationToken = default)
    {
        scope.Demand(CertificatePrivileges);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await CalendarAsync(db, cancellationToken);
        var text = TextFor(language, calendar);
        var registration = await db.Registrations.AsNoTracking().Include(r => r.Subject)
            .FirstOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        if (registration is not { CertificateValidated: true, CertificateNumber: { } number, CertificateVerificationCode: { } code }
            || !ScoreCalculator.IsCertificationValidated(registration, registration.Subject!))
        {
            throw new NotFoundException(UserText.Get<DocumentsErrors>("CertificateNotFound", registrationId));
        }

        var sitting = await db.Registrations.AsNoTracking().Where(r => r.Id == registrationId).Select(ToSitting).FirstAsync(cancellationToken);
        var model = new CertificateModel(Local(sitting, calendar), number, code, await AccountNameAsync(db, cancellationToken), Now(calendar));
        return Pdf(FileName(text["File.Certificate"], number, sitting.LastName, sitting.FirstName), CertificatePdf.Render(model, text));
    }

    public async Task<GeneratedFile> AttestationAsync(int registrationId, string language, CancellationToken cancellationToken = default)
    {
        scope.Demand(CertificatePrivileges);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await CalendarAsync(db, cancellationToken);
        var text = TextFor(language, calendar);
        var sitting = await AttestableSittings(db).Where(r => r.Id == registrationId).Select(ToSitting).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(UserText.Get<DocumentsErrors>("AttestationNotFound", registrationId));
        var model = new AttestationModel(Local(sitting, calendar), await AccountNameAsync(db, cancellationToken), Now(calendar));
        return Pdf(FileName(text["File.Attestation"], sitting.RegistrationId, sitting.LastName, sitting.FirstName), AttestationPdf.Render(model, text));
    }

    /// <summary>
    /// One attestation per registration in a ZIP written entry by entry to <paramref name="output"/>. Every id is
    /// checked before the first byte is written: one unknown registration, or one not taken yet, → NotFoundException.
    /// </summary>
    public async Task AttestationsZipAsync(IReadOnlyCollection<int> registrationIds, string language, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registrationIds);
        scope.Demand(CertificatePrivileges);
        var ids = registrationIds.Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await CalendarAsync(db, cancellationToken);
        var text = TextFor(language, calendar);
        var found = await AttestableSittings(db).Where(r => ids.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
        if (ids.Count == 0 || found.Count != ids.Count)
        {
            throw new NotFoundException(UserText.Get<DocumentsErrors>("SittingsNotFound"));
        }

        var accountName = await AccountNameAsync(db, cancellationToken);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var id in ids)
        {
            var sitting = await AttestableSittings(db).Where(r => r.Id == id).Select(ToSitting).FirstAsync(cancellationToken);
            var pdf = AttestationPdf.Render(new AttestationModel(Local(sitting, calendar), accountName, Now(calendar)), text);
            var entry = zip.CreateEntry(FileName(text["File.Attestation"], sitting.RegistrationId, sitting.LastName, sitting.FirstName) + ".pdf", CompressionLevel.Fastest);
            await using var stream = await entry.OpenAsync(cancellationToken);
            await stream.WriteAsync(pdf, cancellationToken);
        }
    }

    /// <summary>Certificates and attestations are handed out by administrators who manage certificates (and see results).</summary>
    private const Privileges CertificatePrivileges = Privileges.ViewResults | Privileges.ManageCertificates;

    private static IQueryable<Registration> AttestableSittings(DashboardDbContext db) =>
        db.Registrations.AsNoTracking().Where(RegistrationRules.Taken);
}
