using System.Globalization;
using System.Security.Cryptography;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Email;
using Dashboard.Core.Live;
using Dashboard.Core.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Proctoring;

/// <summary>The email asking a candidate to explain the incidents of a sitting.</summary>
public sealed record ExplanationRequestEmail(string Language, string CandidateName, string SubjectName, DateTimeOffset? SittingDate,
    IReadOnlyList<string> Incidents, string Link, DateTimeOffset ExpiresAt, string AccountName) : EmailTemplateModel(Language);

/// <summary>What the candidate's public page shows.</summary>
public sealed record ExplanationForm(string Language, string CandidateName, string SubjectName, DateTimeOffset? SittingDate,
    IReadOnlyList<string> Incidents, string AccountName, bool AlreadyGiven);

/// <summary>A link that is expired, tampered with, replaced by a newer request or already used; the message is for the candidate.</summary>
public sealed class ExplanationLinkException(string message) : Exception(message);

/// <summary>
/// Asking the candidate for an explanation (reviewer, <see cref="Privileges.ReviewProctoring"/>) and receiving it (the
/// candidate, through a signed, expiring link: ASP.NET Data Protection's time-limited protector over
/// account, sitting and request id). An explanation is accepted once per request; a newer request replaces older links.
/// </summary>
public sealed class CandidateExplanations(
    IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, AuditLog audit, IAccountFeed<ResultsChange> feed, TimeProvider time,
    IDataProtectionProvider protection, IEmailSender emails, IEmailTemplateRenderer renderer,
    IOptions<ProctoringOptions> options, IOptions<BulkOptions> bulkOptions)
{
    public const string PagePath = "/proctoring/explain";
    private const string Purpose = "Dashboard.Proctoring.CandidateExplanation.v1";

    public async Task<Guid> RequestAsync(SittingVersion sitting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sitting);
        scope.Demand(Privileges.ReviewProctoring);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registration = await db.Registrations.Include(r => r.Candidate).Include(r => r.Subject)
            .FirstOrDefaultAsync(r => r.Id == sitting.RegistrationId && r.ProctoringProfile != ProctoringProfile.None, cancellationToken)
            ?? throw new NotFoundException(UserText.Get<ProctoringErrors>("ProctoredSittingNotFound", sitting.RegistrationId));
        if (registration.Version != sitting.Version)
        {
            throw new ProctoringConflictException(UserText.Get<ProctoringErrors>("RequestChanged"));
        }

        db.Entry(registration).Property(r => r.Version).OriginalValue = sitting.Version;
        var candidate = registration.Candidate!;
        if (string.IsNullOrWhiteSpace(candidate.Email))
        {
            throw new DomainRuleException(UserText.Get<ProctoringErrors>("NoCandidateEmail"));
        }

        var before = registration.ProctoringStatus;
        registration.ProctoringStatus = ProctoringStatusMachine.Apply(before, ReviewAction.RequestExplanation);
        var review = await db.ProctoringReviews.FirstOrDefaultAsync(x => x.RegistrationId == registration.Id, cancellationToken);
        if (review is null)
        {
            review = new ProctoringReview { RegistrationId = registration.Id, AccountId = registration.AccountId };
            db.ProctoringReviews.Add(review);
        }

        var now = time.GetUtcNow();
        review.ExplanationRequestId = Guid.NewGuid();
        review.ExplanationRequestedAt = now;
        review.ExplanationRequestedBy = scope.ActorName;
        review.CandidateExplanation = null;
        review.ExplanationReceivedAt = null;
        audit.Record(db, ProctoringReviewService.Actions.ExplanationRequest, registration.Id, new { Status = before.ToString() },
            new { Status = registration.ProctoringStatus.ToString(), To = candidate.Email });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ProctoringConflictException(UserText.Get<ProctoringErrors>("RequestChangedSameMoment"));
        }

        var expiresAt = now.AddDays(options.Value.ExplanationLinkDays);
        var token = CreateToken(registration.AccountId, registration.Id, review.ExplanationRequestId.Value, expiresAt);
        var link = bulkOptions.Value.PublicBaseUrl.TrimEnd('/') + PagePath + "?token=" + Uri.EscapeDataString(token);
        var language = ProctoringText.IsFrench(candidate.PreferredLanguage) ? "fr" : "en";
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == registration.AccountId).Select(a => a.Name).FirstAsync(cancellationToken);
        var incidents = await IncidentTextsAsync(db, registration, language, cancellationToken);
        var name = $"{candidate.FirstName} {candidate.LastName}";
        var html = await renderer.RenderHtmlAsync(new ExplanationRequestEmail(language, name, registration.Subject!.Name,
            registration.StartedAt, incidents, link, expiresAt, account), cancellationToken);
        await using (var batch = await emails.OpenBatchAsync(cancellationToken))
        {
            await batch.SendAsync(new EmailMessage(candidate.Email, name, ProctoringText.ExplanationEmailSubject(language, registration.Subject.Name), html),
                cancellationToken);
        }

        feed.Publish(new ResultsChange(registration.AccountId, registration.Id, ProctoringReviewService.Actions.ExplanationRequest, now));
        return registration.Version;
    }

    /// <summary>The candidate's page: who, which test, which incidents; <see cref="ExplanationForm.AlreadyGiven"/> once answered.</summary>
    public async Task<ExplanationForm> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        var (accountId, registrationId, requestId) = ReadToken(token);
        scope.SetSystem(accountId, "candidate");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (registration, review) = await FindAsync(db, registrationId, requestId, cancellationToken);
        var language = ProctoringText.IsFrench(registration.Candidate!.PreferredLanguage) ? "fr" : "en";
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Name).FirstAsync(cancellationToken);
        return new ExplanationForm(language, $"{registration.Candidate.FirstName} {registration.Candidate.LastName}", registration.Subject!.Name,
            registration.StartedAt, await IncidentTextsAsync(db, registration, language, cancellationToken), account,
            review.ExplanationReceivedAt is not null);
    }

    /// <summary>Stores the explanation once: Awaiting details → Detail under review. A second submission is refused.</summary>
    public async Task SubmitAsync(string? token, string? explanation, CancellationToken cancellationToken)
    {
        var (accountId, registrationId, requestId) = ReadToken(token);
        scope.SetSystem(accountId, "candidate");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (registration, review) = await FindAsync(db, registrationId, requestId, cancellationToken);
        // Read after the sitting, so the refusals speak the candidate's language, as the page and the email do.
        var language = CandidateCulture(registration);
        var text = explanation?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new DomainRuleException(UserText.In<ProctoringErrors>(language, "ExplanationEmpty"));
        }

        if (text.Length > ProctoringRules.MaxCommentLength)
        {
            throw new DomainRuleException(UserText.In<ProctoringErrors>(language, "ExplanationTooLong", ProctoringRules.MaxCommentLength));
        }

        if (review.ExplanationReceivedAt is not null || !ProctoringStatusMachine.Allows(registration.ProctoringStatus, ReviewAction.SubmitExplanation))
        {
            throw new ExplanationLinkException(UserText.In<ProctoringErrors>(language, "ExplanationAlreadySent"));
        }

        var now = time.GetUtcNow();
        var candidateName = $"{registration.Candidate!.FirstName} {registration.Candidate.LastName}";
        scope.SetSystem(accountId, $"Candidate {candidateName}");
        registration.ProctoringStatus = ProctoringStatusMachine.Apply(registration.ProctoringStatus, ReviewAction.SubmitExplanation);
        review.CandidateExplanation = text;
        review.ExplanationReceivedAt = now;
        audit.Record(db, ProctoringReviewService.Actions.ExplanationReceived, registration.Id,
            new { Status = nameof(ProctoringStatus.AwaitingDetails) }, new { Status = registration.ProctoringStatus.ToString() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ExplanationLinkException(UserText.In<ProctoringErrors>(language, "ExplanationAlreadySent"));
        }

        feed.Publish(new ResultsChange(accountId, registration.Id, ProctoringReviewService.Actions.ExplanationReceived, now));
    }

    internal string CreateToken(int accountId, int registrationId, Guid requestId, DateTimeOffset expiresAt) =>
        protection.CreateProtector(Purpose).ToTimeLimitedDataProtector()
            .Protect(string.Create(CultureInfo.InvariantCulture, $"{accountId}.{registrationId}.{requestId:N}"), expiresAt);

    private (int AccountId, int RegistrationId, Guid RequestId) ReadToken(string? token)
    {
        // Nobody is known yet: the message follows the request's culture (the browser's Accept-Language).
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ExplanationLinkException(UserText.Get<ProctoringErrors>("LinkNotValid"));
        }

        string payload;
        try
        {
            payload = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(token);
        }
        catch (CryptographicException)
        {
            throw new ExplanationLinkException(UserText.Get<ProctoringErrors>("LinkNotValid"));
        }

        var parts = payload.Split('.');
        return parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var accountId)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var registrationId)
            && Guid.TryParseExact(parts[2], "N", out var requestId)
                ? (accountId, registrationId, requestId)
                : throw new ExplanationLinkException(UserText.Get<ProctoringErrors>("LinkNotValid"));
    }

    private static async Task<(Registration, ProctoringReview)> FindAsync(DashboardDbContext db, int registrationId, Guid requestId, CancellationToken cancellationToken)
    {
        var registration = await db.Registrations.Include(r => r.Candidate).Include(r => r.Subject)
            .FirstOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        var review = await db.ProctoringReviews.FirstOrDefaultAsync(x => x.RegistrationId == registrationId, cancellationToken);
        if (registration is null || review is null || review.ExplanationRequestId != requestId)
        {
            throw new ExplanationLinkException(registration is null
                ? UserText.Get<ProctoringErrors>("LinkReplaced")
                : UserText.In<ProctoringErrors>(CandidateCulture(registration), "LinkReplaced"));
        }

        return (registration, review);
    }

    private static CultureInfo CandidateCulture(Registration registration) =>
        CultureInfo.GetCultureInfo(ProctoringText.IsFrench(registration.Candidate?.PreferredLanguage) ? "fr-FR" : "en-GB");

    private static async Task<IReadOnlyList<string>> IncidentTextsAsync(DashboardDbContext db, Registration registration, string language, CancellationToken cancellationToken)
    {
        var culture = CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-GB");
        var calendar = await AccountCalendar.LoadAsync(db, registration.AccountId, cancellationToken);
        var incidents = await db.ProctoringIncidents.AsNoTracking().Where(i => i.RegistrationId == registration.Id)
            .OrderBy(i => i.OccurredAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        return incidents.Select(i =>
        {
            var at = calendar.ToLocal(i.OccurredAt).ToString("t", culture);
            var duration = i.DurationSeconds is { } s ? string.Create(culture, $" ({s} s)") : "";
            return $"{at} — {ProctoringText.Incident(i.Kind, language)}{duration}";
        }).ToList();
    }
}
