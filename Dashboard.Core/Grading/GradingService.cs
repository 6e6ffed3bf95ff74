using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Localization;
using Dashboard.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Grading;

/// <summary>
/// The grading screen's commands: load the manually graded questions, confirm one grade (a draft that
/// survives a reload), save the whole set (recalculate, complete, certificate, audit, publish).
/// Only the assigned grader may grade; every save carries the <see cref="Registration.Version"/> it was
/// loaded with, and a stale one raises <see cref="GradingConflictException"/>.
/// </summary>
public sealed class GradingService(
    IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, AuditLog audit, IAccountFeed<ResultsChange> feed, TimeProvider time)
{
    /// <summary>A grade the service accepts: a finite number from 0 to the question's maximum.</summary>
    public static bool IsValidGrade(double? points, double maxPoints) =>
        points is { } p && double.IsFinite(p) && p >= 0 && p <= maxPoints;

    /// <summary>The refusal the service throws for a grade outside 0–max, in the reader's language; null when valid.</summary>
    public static string? ValidateGrade(double? points, double maxPoints) => IsValidGrade(points, maxPoints)
        ? null
        : UserText.Get<GradingErrors>("GradeOutOfRange", maxPoints);

    public async Task<GradingSheet> LoadAsync(int registrationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registration = await FindGradableAsync(db, registrationId, version: null, cancellationToken);
        var questions = await db.Responses.AsNoTracking()
            .Where(x => x.RegistrationId == registrationId
                && (x.Question!.Kind == QuestionKind.Essay || x.Question.Kind == QuestionKind.Code))
            .OrderBy(x => x.Order).ThenBy(x => x.Id)
            .Select(x => new GradingQuestion(x.Id, x.Order, x.Question!.Text, x.Question.Skill!.Name, x.Question.Kind,
                x.Answer, x.Question.MaxPoints, x.Points, x.GraderComment, x.GradeConfirmed))
            .ToListAsync(cancellationToken);
        var calendar = await AccountCalendar.LoadAsync(db, registration.AccountId, cancellationToken);
        return new GradingSheet(registration.Id, $"{registration.Candidate!.FirstName} {registration.Candidate.LastName}",
            registration.Subject!.Name, registration.TestType, calendar.ToLocal(registration.CompletedAt), registration.Version, questions);
    }

    /// <summary>Confirms one question's grade as a draft; returns the test's new version.</summary>
    public async Task<Guid> ConfirmAsync(int registrationId, Guid version, GradeInput grade, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grade);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registration = await FindGradableAsync(db, registrationId, version, cancellationToken);
        var response = await db.Responses.Include(x => x.Question)
            .FirstOrDefaultAsync(x => x.Id == grade.ResponseId && x.RegistrationId == registrationId, cancellationToken);
        if (response?.Question is not { ManuallyGraded: true } question)
        {
            throw new NotFoundException(UserText.Get<GradingErrors>("QuestionNotFound", grade.ResponseId, registrationId));
        }

        if (ValidateGrade(grade.Points, question.MaxPoints) is { } problem)
        {
            throw new DomainRuleException(problem);
        }

        response.Points = grade.Points;
        response.GraderComment = string.IsNullOrWhiteSpace(grade.Comment) ? null : grade.Comment.Trim();
        response.GradeConfirmed = true;
        response.GradedById = scope.AdministratorId;
        response.GradedAt = time.GetUtcNow();
        // A draft also renews the test's version, so two screens on the same test cannot overwrite each other.
        db.Entry(registration).Property(r => r.Version).IsModified = true;
        await SaveAsync(db, registrationId, cancellationToken);
        return registration.Version;
    }

    /// <summary>Saves the whole set: every manually graded question must be confirmed.</summary>
    public async Task<GradingOutcome> SaveAsync(int registrationId, Guid version, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registration = await FindGradableAsync(db, registrationId, version, cancellationToken);
        var subject = await db.Subjects.AsNoTracking().Include(s => s.Skills).Include(s => s.Questions)
            .AsSplitQuery().FirstAsync(s => s.Id == registration.SubjectId, cancellationToken);
        var responses = await db.Responses.Where(x => x.RegistrationId == registrationId).ToListAsync(cancellationToken);
        var manual = subject.Questions.Where(q => q.ManuallyGraded).Select(q => q.Id).ToHashSet();
        var toGrade = responses.Where(x => manual.Contains(x.QuestionId)).ToList();
        var confirmed = toGrade.Count(x => x.GradeConfirmed && x.Points is not null);
        if (confirmed < toGrade.Count)
        {
            throw new DomainRuleException(UserText.Get<GradingErrors>("NotAllConfirmed", confirmed, toGrade.Count));
        }

        var before = new { registration.Score, Status = registration.Status.ToString() };
        var result = ScoreCalculator.Compute(subject, responses);
        var now = time.GetUtcNow();
        registration.Score = result.Score;
        registration.Level = result.Level;
        registration.Status = RegistrationStatus.Completed;
        Documents.CertificateIssuer.Reevaluate(registration, subject, now);
        audit.Record(db, AuditLog.Actions.Grade, registrationId, before,
            new { registration.Score, Level = registration.Level?.ToString(), Status = registration.Status.ToString(), registration.CertificateValidated });
        await SaveAsync(db, registrationId, cancellationToken);

        feed.Publish(new ResultsChange(registration.AccountId, registrationId, AuditLog.Actions.Grade, now));
        return new GradingOutcome(registrationId, result.Score, result.Level, result.Skills,
            registration.CertificateValidated, registration.CertificateNumber, registration.Version);
    }

    /// <summary>
    /// The registration, tracked, after the rules: grade privilege, in the account, assigned to the
    /// signed-in administrator, loaded at <paramref name="version"/> (when given), pending grading.
    /// </summary>
    private async Task<Registration> FindGradableAsync(DashboardDbContext db, int registrationId, Guid? version, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.Grade);
        var registration = await db.Registrations.Include(r => r.Candidate).Include(r => r.Subject)
            .FirstOrDefaultAsync(r => r.Id == registrationId, cancellationToken)
            ?? throw new NotFoundException(UserText.Get<GradingErrors>("TestNotFound", registrationId));

        if (registration.Status == RegistrationStatus.Completed && version is null)
        {
            throw await AlreadyGradedAsync(db, registration, cancellationToken);
        }

        if (registration.GraderId is null || registration.GraderId != scope.AdministratorId)
        {
            var assignee = registration.GraderId is { } graderId
                ? await db.Users.AsNoTracking().Where(a => a.Id == graderId && a.AccountId == registration.AccountId)
                    .Select(a => a.DisplayName).FirstOrDefaultAsync(cancellationToken)
                : null;
            throw new DomainRuleException(assignee is null
                ? UserText.Get<GradingErrors>("NotAssignedToYou")
                : UserText.Get<GradingErrors>("AssignedToOther", assignee));
        }

        if (version is { } loaded && loaded != registration.Version)
        {
            throw await ConflictAsync(registrationId, cancellationToken);
        }

        if (registration.Status != RegistrationStatus.PendingGrading)
        {
            throw new DomainRuleException(UserText.Get<GradingErrors>("NotPendingGrading", UserText.Get<GradingErrors>("Status." + registration.Status)));
        }

        // The UPDATE then checks the version the screen was loaded with, closing the race after the check above.
        db.Entry(registration).Property(r => r.Version).OriginalValue = version ?? registration.Version;
        return registration;
    }

    /// <summary>Who saved the grading of a completed test and when (from its audit entry, else its graded answers).</summary>
    private static async Task<TestAlreadyGradedException> AlreadyGradedAsync(
        DashboardDbContext db, Registration registration, CancellationToken cancellationToken)
    {
        var saved = await db.AuditEntries.AsNoTracking()
            .Where(a => a.RegistrationId == registration.Id && a.Action == AuditLog.Actions.Grade)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new { a.At, a.Actor }).FirstOrDefaultAsync(cancellationToken);
        DateTimeOffset? at = saved?.At;
        var by = saved?.Actor;
        if (saved is null)
        {
            var graded = await db.Responses.AsNoTracking()
                .Where(x => x.RegistrationId == registration.Id && x.GradedAt != null)
                .OrderByDescending(x => x.GradedAt)
                .Select(x => new { x.GradedAt, x.GradedById }).FirstOrDefaultAsync(cancellationToken);
            at = graded?.GradedAt;
            by = graded?.GradedById is { } graderId
                ? await db.Users.AsNoTracking().Where(u => u.Id == graderId && u.AccountId == registration.AccountId)
                    .Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
                : null;
        }

        var calendar = await AccountCalendar.LoadAsync(db, registration.AccountId, cancellationToken);
        return new TestAlreadyGradedException(registration.Id, by, calendar.ToLocal(at ?? registration.CompletedAt));
    }

    private async Task SaveAsync(DashboardDbContext db, int registrationId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await ConflictAsync(registrationId, cancellationToken);
        }
    }

    /// <summary>Builds the conflict message from the latest save of the test (a confirmed draft or an audited change).</summary>
    private async Task<GradingConflictException> ConflictAsync(int registrationId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accountId = scope.RequireAccountId();
        var lastAudit = await db.AuditEntries.AsNoTracking().Where(a => a.RegistrationId == registrationId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new { a.At, a.Actor }).FirstOrDefaultAsync(cancellationToken);
        var lastDraft = await db.Responses.AsNoTracking().Where(x => x.RegistrationId == registrationId && x.GradedAt != null)
            .OrderByDescending(x => x.GradedAt)
            .Select(x => new { x.GradedAt, x.GradedById }).FirstOrDefaultAsync(cancellationToken);

        DateTimeOffset? at = lastAudit?.At;
        var by = lastAudit?.Actor;
        if (lastDraft?.GradedAt is { } draftAt && (at is null || draftAt > at))
        {
            at = draftAt;
            by = await db.Users.AsNoTracking().Where(a => a.Id == lastDraft.GradedById && a.AccountId == accountId)
                .Select(a => a.DisplayName).FirstOrDefaultAsync(cancellationToken);
        }

        var calendar = await AccountCalendar.LoadAsync(db, accountId, cancellationToken);
        return new GradingConflictException(at, by, FormatTime(at, calendar));
    }

    /// <summary>"14:05:03 (Europe/Paris)" today, with the date otherwise.</summary>
    private string FormatTime(DateTimeOffset? at, AccountCalendar calendar) => at is not { } instant
        ? UserText.Get<GradingErrors>("AMomentAgo")
        : calendar.Format(instant, calendar.DayOf(instant) == calendar.Today(time) ? "HH:mm:ss" : "d MMM yyyy HH:mm:ss");
}

/// <summary>The test is completed: nothing is left to grade. The grading screen says who graded it, when, and links its analysis.</summary>
public sealed class TestAlreadyGradedException(int registrationId, string? gradedBy, DateTimeOffset? gradedAt)
    : Exception((gradedBy, gradedAt) switch
    {
        (null, null) => UserText.Get<GradingErrors>("AlreadyGraded", registrationId),
        (null, { } at) => UserText.Get<GradingErrors>("AlreadyGradedOn", registrationId, at),
        ({ } by, null) => UserText.Get<GradingErrors>("AlreadyGradedBy", registrationId, by),
        ({ } by, { } at) => UserText.Get<GradingErrors>("AlreadyGradedByOn", registrationId, by, at),
    })
{
    public int RegistrationId { get; } = registrationId;

    /// <summary>The grader's name; null when the test was scored without manual grading.</summary>
    public string? GradedBy { get; } = gradedBy;

    /// <summary>When, in the account's time zone.</summary>
    public DateTimeOffset? GradedAt { get; } = gradedAt;
}
