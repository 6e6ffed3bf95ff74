using System.Runtime.CompilerServices;
using Dashboard.Core.Data;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Documents;

/// <summary>
/// Used only while the Results feature's query is not registered in this branch: the account-scoped
/// registrations of a group/status, projected to grid rows. The real ResultsQuery replaces it once merged.
/// </summary>
internal sealed class FakeFreeResultsQuery(IServiceProvider provider) : IResultsQuery
{
    public Task<ResultsPage> GetPageAsync(ResultsPageRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public async Task<int> CountAsync(ResultsFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(cancellationToken);
        return await Apply(db, filter).CountAsync(cancellationToken);
    }

    public async IAsyncEnumerable<ResultRow> StreamAsync(ResultsFilter filter, string? sortKey = null, bool descending = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(cancellationToken);
        var query = Apply(db, filter).OrderBy(r => r.Id).Select(r => new ResultRow
        {
            Id = r.Id, CandidateId = r.CandidateId, GroupId = r.GroupId, GroupName = r.Group!.Name, LastName = r.Candidate!.LastName,
            FirstName = r.Candidate.FirstName, Email = r.Candidate.Email, ExternalId = r.ExternalId ?? r.Candidate.ExternalId, SubjectId = r.SubjectId,
            SubjectName = r.Subject!.Name, TestType = r.TestType, Scale = r.Subject.Scale, Status = r.Status, Score = r.Score, Level = r.Level,
            GraderId = r.GraderId, GraderName = r.Grader != null ? r.Grader.DisplayName : null, SessionId = r.SessionId,
            SessionName = r.Session != null ? r.Session.Name : null, ProctoringProfile = r.ProctoringProfile, ProctoringStatus = r.ProctoringStatus,
            IncidentCount = r.IncidentCount, CertificateValidated = r.CertificateValidated, RegisteredAt = r.RegisteredAt, StartedAt = r.StartedAt,
            CompletedAt = r.CompletedAt, DurationSeconds = r.DurationSeconds, AdminComment = r.AdminComment,
        });
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    private static IQueryable<Dashboard.Core.Domain.Registration> Apply(DashboardDbContext db, ResultsFilter filter)
    {
        var query = db.Registrations.AsNoTracking();
        if (filter.GroupId is { } groupId)
        {
            query = query.Where(r => r.GroupId == groupId);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        return query;
    }
}
