using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Documents;
using Dashboard.Core.Live;
using Dashboard.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Proctoring;

/// <summary>The reviewer's decisions: comment, accepted explanation, validation or invalidation, each against the version it was loaded at.</summary>
public sealed partial class ProctoringReviewService
{
    /// <summary>Saves the reviewer's explanation field; returns the sitting's new version.</summary>
    public async Task<Guid> SaveCommentAsync(SittingVersion sitting, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sitting);
        scope.Demand(Privileges.ReviewProctoring);
        var text = Clean(comment);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registrations = await LoadAsync(db, [sitting], cancellationToken);
        var review = await ReviewOfAsync(db, registrations[0], cancellationToken);
        var before = review.ReviewerComment;
        review.ReviewerComment = text;
        db.Entry(registrations[0]).Property(r => r.Version).IsModified = true;
        audit.Record(db, Actions.Comment, sitting.RegistrationId, new { Comment = before }, new { Comment = text });
        await SaveAsync(db, [sitting], cancellationToken);
        return registrations[0].Version;
    }

    /// <summary>Detail under review → Explanation validated: the reviewer accepts the candidate's explanation.</summary>
    public async Task<Guid> AcceptExplanationAsync(SittingVersion sitting, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sitting);
        scope.Demand(Privileges.ReviewProctoring);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registration = (await LoadAsync(db, [sitting], cancellationToken))[0];
        var before = registration.ProctoringStatus;
        registration.ProctoringStatus = ProctoringStatusMachine.Apply(before, ReviewAction.AcceptExplanation);
        var review = await ReviewOfAsync(db, registration, cancellationToken);
        review.ReviewerComment = Clean(comment) ?? review.ReviewerComment;
        audit.Record(db, Actions.ExplanationAccept, registration.Id, new { Status = before.ToString() },
            new { Status = registration.ProctoringStatus.ToString(), review.ReviewerComment });
        await SaveAsync(db, [sitting], cancellationToken);
        Publish(registration, Actions.ExplanationAccept);
        return registration.Version;
    }

    /// <summary>
    /// Validates or invalidates the sittings in one transaction: all of them or none (a refused move or a stale
    /// version refuses the whole set). Validating a certification at its threshold issues its certificate;
    /// invalidating revokes an issued one (its number stays, so its download can say it was revoked).
    /// </summary>
    public async Task<DecisionOutcome> DecideAsync(IReadOnlyList<SittingVersion> sittings, bool validate, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sittings);
        scope.Demand(Privileges.ReviewProctoring);
        if (sittings.Count == 0)
        {
            throw new DomainRuleException(UserText.Get<ProctoringErrors>("SelectSitting"));
        }

        if (sittings.Count > MaxBulk)
        {
            throw new DomainRuleException(UserText.Get<ProctoringErrors>("DecideAtMost", MaxBulk));
        }

        var action = validate ? ReviewAction.Validate : ReviewAction.Invalidate;
        var text = Clean(comment);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registrations = await LoadAsync(db, sittings, cancellationToken);
        var refused = registrations.Where(r => !ProctoringStatusMachine.Allows(r.ProctoringStatus, action)).ToList();
        if (refused.Count > 0)
        {
            var first = refused[0];
            throw new DomainRuleException(refused.Count == 1
                ? UserText.Get<ProctoringErrors>("RefusedOne", first.Id, ProctoringStatusMachine.RefusalMessage(first.ProctoringStatus, action))
                : UserText.Get<ProctoringErrors>(validate ? "RefusedManyValidate" : "RefusedManyInvalidate", refused.Count, registrations.Count, first.Id,
                    ProctoringStatusMachine.StatusWords(first.ProctoringStatus)));
        }

        var subjectIds = registrations.Select(r => r.SubjectId).Distinct().ToList();
        var subjects = await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var ids = registrations.Select(r => r.Id).ToList();
        var reviews = await db.ProctoringReviews.Where(x => ids.Contains(x.RegistrationId)).ToDictionaryAsync(x => x.RegistrationId, cancellationToken);
        var now = time.GetUtcNow();
        int issued = 0, revoked = 0;
        foreach (var registration in registrations)
        {
            var before = new { Status = registration.ProctoringStatus.ToString(), registration.CertificateValidated };
            registration.ProctoringStatus = ProctoringStatusMachine.Apply(registration.ProctoringStatus, action);
            var hadCertificate = registration.CertificateValidated;
            if (validate)
            {
                CertificateIssuer.Reevaluate(registration, subjects[registration.SubjectId], now);
                issued += !hadCertificate && registration.CertificateValidated ? 1 : 0;
            }
            else
            {
                registration.CertificateValidated = false;
                revoked += hadCertificate ? 1 : 0;
            }

            if (!reviews.TryGetValue(registration.Id, out var review))
            {
                review = new ProctoringReview { RegistrationId = registration.Id, AccountId = registration.AccountId };
                db.ProctoringReviews.Add(review);
            }

            review.DecidedAt = now;
            review.DecidedBy = scope.ActorName;
            review.ReviewerComment = text ?? review.ReviewerComment;
            audit.Record(db, Actions.Decision, registration.Id, before,
                new { Status = registration.ProctoringStatus.ToString(), registration.CertificateValidated },
                detail: text);
        }

        await SaveAsync(db, sittings, cancellationToken);
        foreach (var registration in registrations)
        {
            Publish(registration, Actions.Decision);
        }

        return new DecisionOutcome(registrations.Count, issued, revoked, registrations.Select(r => new SittingVersion(r.Id, r.Version)).ToList());
    }

    /// <summary>The tracked proctored registrations, each checked against the version it was loaded at.</summary>
    private async Task<List<Registration>> LoadAsync(DashboardDbContext db, IReadOnlyList<SittingVersion> sittings, CancellationToken cancellationToken)
    {
        var ids = sittings.Select(s => s.RegistrationId).Distinct().ToList();
        var registrations = new List<Registration>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
        {
            registrations.AddRange(await db.Registrations
                .Where(r => chunk.Contains(r.Id) && r.ProctoringProfile != ProctoringProfile.None).ToListAsync(cancellationToken));
        }

        if (registrations.Count < ids.Count)
        {
            var missing = ids.Except(registrations.Select(r => r.Id)).First();
            throw new NotFoundException(UserText.Get<ProctoringErrors>("ProctoredSittingNotFound", missing));
        }

        var versions = sittings.GroupBy(s => s.RegistrationId).ToDictionary(g => g.Key, g => g.First().Version);
        var stale = registrations.Where(r => r.Version != versions[r.Id]).ToList();
        if (stale.Count > 0)
        {
            throw await ConflictAsync(db, stale.Select(r => r.Id).ToList(), cancellationToken);
        }

        foreach (var registration in registrations)
        {
            // The UPDATE checks the version the page was loaded at, closing the race after the check above.
            db.Entry(registration).Property(r => r.Version).OriginalValue = versions[registration.Id];
        }

        return registrations;
    }

    private static async Task<ProctoringReview> ReviewOfAsync(DashboardDbContext db, Registration registration, CancellationToken cancellationToken)
    {
        var review = await db.ProctoringReviews.FirstOrDefaultAsync(x => x.RegistrationId == registration.Id, cancellationToken);
        if (review is null)
        {
            review = new ProctoringReview { RegistrationId = registration.Id, AccountId = registration.AccountId };
            db.ProctoringReviews.Add(review);
        }

        return review;
    }

    private async Task SaveAsync(DashboardDbContext db, IReadOnlyList<SittingVersion> sittings, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || IsDuplicateKey(ex))
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            throw await ConflictAsync(fresh, sittings.Select(s => s.RegistrationId).ToList(), cancellationToken);
        }
    }

    /// <summary>
    /// Two first decisions on a sitting with no review yet: on PostgreSQL the second's INSERT of the review waits for the
    /// first's key and then fails as a duplicate, before its version check has run. The same conflict, said the same way.
    /// </summary>
    private static bool IsDuplicateKey(DbUpdateException ex) => ex.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 1555 or 2067, // SQLITE_CONSTRAINT_PRIMARYKEY, _UNIQUE
        _ => false,
    };

    /// <summary>Says who changed what since the page was loaded, from the latest audited change of those sittings.</summary>
    private async Task<ProctoringConflictException> ConflictAsync(DashboardDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        var last = await db.AuditEntries.AsNoTracking().Where(a => a.RegistrationId != null && ids.Contains(a.RegistrationId.Value))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new { a.At, a.Actor, a.RegistrationId }).FirstOrDefaultAsync(cancellationToken);
        var status = last is null ? null : await db.Registrations.AsNoTracking().Where(r => r.Id == last.RegistrationId)
            .Select(r => (ProctoringStatus?)r.ProctoringStatus).FirstOrDefaultAsync(cancellationToken);
        var calendar = await AccountCalendar.LoadAsync(db, scope.RequireAccountId(), cancellationToken);
        var when = last is null ? UserText.Get<ProctoringErrors>("AMomentAgo") : calendar.ToLocal(last.At).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var now = status is { } s ? UserText.Get<ProctoringErrors>("ConflictNowStatus", last!.RegistrationId, ProctoringStatusMachine.StatusWords(s)) : "";
        return new ProctoringConflictException(UserText.Get<ProctoringErrors>(ids.Count == 1 ? "ConflictOne" : "ConflictMany",
            last is null ? UserText.Get<ProctoringErrors>("SomeoneElse") : last.Actor, when, now));
    }

    private void Publish(Registration registration, string kind) =>
        feed.Publish(new ResultsChange(registration.AccountId, registration.Id, kind, time.GetUtcNow()));

    internal static string? Clean(string? text)
    {
        var trimmed = text?.Trim();
        if (trimmed is { Length: > ProctoringRules.MaxCommentLength })
        {
            throw new DomainRuleException(UserText.Get<ProctoringErrors>("CommentTooLong", ProctoringRules.MaxCommentLength));
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
