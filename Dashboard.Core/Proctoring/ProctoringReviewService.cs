using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Proctoring;

/// <summary>
/// The reviewer's commands (privilege <see cref="Privileges.ReviewProctoring"/>): the grid, one sitting's review sheet,
/// the comment, accepting an explanation, and validating or invalidating one or many sittings in one transaction.
/// Every command carries the <see cref="Registration.Version"/> it was loaded at: a stale one is refused with
/// <see cref="ProctoringConflictException"/> and nothing is saved.
/// This file reads (the grid, the sheet); the decisions are in ProctoringReviewService.Decisions.cs.
/// </summary>
public sealed partial class ProctoringReviewService(
    IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, AuditLog audit, IAccountFeed<ResultsChange> feed, TimeProvider time)
{
    public const int MaxPageSize = 200;
    public const int MaxBulk = 5000;

    public static class Actions
    {
        public const string Decision = AuditLog.Actions.ProctoringDecision;
        public const string ExplanationRequest = "proctoring.explanation.request";
        public const string ExplanationReceived = "proctoring.explanation.received";
        public const string ExplanationAccept = "proctoring.explanation.accept";
        public const string Comment = "proctoring.comment";
    }

    public async Task<ProctoringPage> QueryAsync(ProctoringFilter filter, int skip, int take, bool oldestFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        scope.Demand(Privileges.ReviewProctoring);
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Apply(db, filter);
        var total = await query.CountAsync(cancellationToken);
        var ordered = oldestFirst
            ? query.OrderBy(r => r.StartedAt).ThenBy(r => r.Id)
            : query.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id);
        // Page the ids along the partial index, then read the few rows' names.
        var ids = await ordered.Skip(Math.Max(0, skip)).Take(take).Select(r => r.Id).ToListAsync(cancellationToken);
        var rows = await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id, r.Candidate!.FirstName, r.Candidate.LastName, Subject = r.Subject!.Name, r.TestType, r.StartedAt,
                r.ProctoringProfile, r.ProctoringStatus, r.IncidentCount, r.Version,
            })
            .ToListAsync(cancellationToken);
        var kinds = (await db.ProctoringIncidents.AsNoTracking().Where(i => ids.Contains(i.RegistrationId))
                .Select(i => new { i.RegistrationId, i.Kind }).Distinct().ToListAsync(cancellationToken))
            .ToLookup(i => i.RegistrationId, i => i.Kind);
        var calendar = await AccountCalendar.LoadAsync(db, scope.RequireAccountId(), cancellationToken);
        var byId = rows.ToDictionary(r => r.Id);
        return new ProctoringPage(ids.Select(id => byId[id]).Select(r => new ProctoringRow(r.Id, $"{r.FirstName} {r.LastName}", r.Subject, r.TestType,
            calendar.ToLocal(r.StartedAt), r.ProctoringProfile, r.ProctoringStatus, r.IncidentCount,
            [.. kinds[r.Id].Order()], r.Version)).ToList(), total);
    }

    /// <summary>The ids and versions of every sitting the filter matches (for "select all"), capped at <see cref="MaxBulk"/>.</summary>
    public async Task<IReadOnlyList<SittingVersion>> MatchingAsync(ProctoringFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        scope.Demand(Privileges.ReviewProctoring);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Apply(db, filter).OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(MaxBulk)
            .Select(r => new SittingVersion(r.Id, r.Version)).ToListAsync(cancellationToken);
    }

    private static IQueryable<Registration> Apply(DashboardDbContext db, ProctoringFilter filter)
    {
        // "ProctoringProfile <> 0" is the partial indexes' own condition: SQLite uses them only when the query says it.
        var query = db.Registrations.AsNoTracking()
            .Where(r => r.ProctoringProfile != ProctoringProfile.None && r.ProctoringStatus != ProctoringStatus.NotApplicable);
        if (filter.Profile is { } profile)
        {
            query = query.Where(r => r.ProctoringProfile == profile);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(r => r.ProctoringStatus == status);
        }

        if (filter.Incident is { } kind)
        {
            // "Id IN (the kind's incidents)", not a correlated EXISTS: SQLite reads the kind's few thousand ids from the
            // incidents index and checks each in the small by-id index, instead of probing once per proctored sitting.
            var withKind = db.ProctoringIncidents.Where(i => i.Kind == kind).Select(i => i.RegistrationId);
            query = query.Where(r => r.IncidentCount > 0 && withKind.Contains(r.Id));
        }

        return query;
    }

    public async Task<ProctoringReviewSheet> SheetAsync(int registrationId, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ReviewProctoring);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var r = await db.Registrations.AsNoTracking().Where(x => x.Id == registrationId && x.ProctoringProfile != ProctoringProfile.None)
            .Select(x => new
            {
                x.Id, x.Candidate!.FirstName, x.Candidate.LastName, x.Candidate.Email, Subject = x.Subject!.Name, x.TestType, x.StartedAt,
                x.ProctoringProfile, x.ProctoringStatus, x.Version,
            })
            .FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(UserText.Get<ProctoringErrors>("ProctoredSittingNotFound", registrationId));
        var incidents = await db.ProctoringIncidents.AsNoTracking().Where(i => i.RegistrationId == registrationId)
            .OrderBy(i => i.OccurredAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var review = await db.ProctoringReviews.AsNoTracking().FirstOrDefaultAsync(x => x.RegistrationId == registrationId, cancellationToken);
        var calendar = await AccountCalendar.LoadAsync(db, scope.RequireAccountId(), cancellationToken);
        return new ProctoringReviewSheet(r.Id, $"{r.FirstName} {r.LastName}", r.Email, r.Subject, r.TestType, calendar.ToLocal(r.StartedAt),
            r.ProctoringProfile, r.ProctoringStatus,
            incidents.Select(i => new IncidentLine(i.Id, i.Kind, calendar.ToLocal(i.OccurredAt), i.DurationSeconds, i.Detail,
                ProctoringRules.IsSerious(r.TestType, i.Kind, i.DurationSeconds, i.IsSerious))).ToList(),
            review?.ReviewerComment, calendar.ToLocal(review?.ExplanationRequestedAt), review?.ExplanationRequestedBy,
            review?.CandidateExplanation, calendar.ToLocal(review?.ExplanationReceivedAt),
            calendar.ToLocal(review?.DecidedAt), review?.DecidedBy, r.Version);
    }

    /// <summary>The sitting's review status (for pages that show one sitting), or null when it is not in the account.</summary>
    public async Task<ProctoringStatus?> StatusAsync(int registrationId, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Registrations.AsNoTracking().Where(r => r.Id == registrationId)
            .Select(r => (ProctoringStatus?)r.ProctoringStatus).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>True when the sitting's certificate was issued and the sitting then invalidated.</summary>
    public async Task<bool> IsCertificateRevokedAsync(int registrationId, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Registrations.AnyAsync(r => r.Id == registrationId && r.ProctoringStatus == ProctoringStatus.Invalid
            && r.CertificateNumber != null, cancellationToken);
    }
}
