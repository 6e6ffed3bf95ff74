using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Grading;

/// <summary>A test waiting for the signed-in grader; <see cref="SubmittedAt"/> is in the account's time zone.</summary>
public sealed record GradingQueueItem(
    int RegistrationId, string CandidateName, string SubjectName, TestType TestType,
    DateTimeOffset? SubmittedAt, TimeSpan Waiting, int ManualQuestions, int ConfirmedQuestions);

/// <summary>"My grading queue": the tests pending grading assigned to the signed-in administrator.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A grader's work queue: the product's own name, not a collection type.")]
public sealed class GradingQueue(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, TimeProvider time)
{
    /// <summary>Oldest submission first, with how long each has waited.</summary>
    public async Task<IReadOnlyList<GradingQueueItem>> MyQueueAsync(CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.Grade);
        if (scope.AdministratorId is not { } graderId)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Registrations.AsNoTracking()
            .Where(r => r.GraderId == graderId && r.Status == RegistrationStatus.PendingGrading)
            .OrderBy(r => r.CompletedAt).ThenBy(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.Candidate!.FirstName,
                r.Candidate.LastName,
                Subject = r.Subject!.Name,
                r.TestType,
                r.CompletedAt,
                Manual = r.Responses.Count(x => x.Question!.Kind == QuestionKind.Essay || x.Question.Kind == QuestionKind.Code),
                Confirmed = r.Responses.Count(x => (x.Question!.Kind == QuestionKind.Essay || x.Question.Kind == QuestionKind.Code) && x.GradeConfirmed),
            })
            .ToListAsync(cancellationToken);

        var now = time.GetUtcNow();
        var calendar = await AccountCalendar.LoadAsync(db, scope.RequireAccountId(), cancellationToken);
        return [.. rows.Select(r => new GradingQueueItem(
            r.Id, $"{r.FirstName} {r.LastName}", r.Subject, r.TestType, calendar.ToLocal(r.CompletedAt),
            r.CompletedAt is { } at && at < now ? now - at : TimeSpan.Zero, r.Manual, r.Confirmed))];
    }
}
