using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Grading;

/// <summary>An administrator of the account who holds the grade privilege.</summary>
public sealed record GraderOption(int Id, string DisplayName, string? Email);

/// <summary>The tests one grader received in an assignment.</summary>
public sealed record GraderShare(int GraderId, string GraderName, IReadOnlyList<int> RegistrationIds);

/// <summary>Assigns tests pending grading to graders, spread evenly between them.</summary>
public sealed class GraderAssignment(
    IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, AuditLog audit, IAccountFeed<ResultsChange> feed, TimeProvider time)
{
    /// <summary>The account's administrators holding <see cref="Privileges.Grade"/>, by name.</summary>
    public async Task<IReadOnlyList<GraderOption>> ListGradersAsync(CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ViewResults);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var graders = await GradersQuery(db).ToListAsync(cancellationToken);
        return [.. graders.OrderBy(g => g.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(g => g.Id)];
    }

    /// <summary>
    /// How many tests each grader gets when <paramref name="testCount"/> tests are spread over
    /// <paramref name="graderIds"/>: graders in Id order, the first ones take the remainder.
    /// </summary>
    public static IReadOnlyDictionary<int, int> ShareCounts(int testCount, IEnumerable<int> graderIds)
    {
        var ordered = graderIds.Distinct().Order().ToList();
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            counts[ordered[i]] = (testCount / ordered.Count) + (i < testCount % ordered.Count ? 1 : 0);
        }

        return counts;
    }

    /// <summary>Round-robin of the tests (by Id) over the graders (by Id): deterministic, counts differ by at most one.</summary>
    public static IReadOnlyList<(int RegistrationId, int GraderId)> Distribute(IEnumerable<int> registrationIds, IEnumerable<int> graderIds)
    {
        var graders = graderIds.Distinct().Order().ToList();
        if (graders.Count == 0)
        {
            throw new DomainRuleException(UserText.Get<GradingErrors>("ChooseGrader"));
        }

        return [.. registrationIds.Distinct().Order().Select((id, i) => (id, graders[i % graders.Count]))];
    }

    /// <summary>
    /// Assigns every test to one of the graders (all or nothing): each test must be pending grading in
    /// this account, each grader an administrator of it with the grade privilege. Reassigning is allowed.
    /// </summary>
    public async Task<IReadOnlyList<GraderShare>> AssignAsync(
        IReadOnlyCollection<int> registrationIds, IReadOnlyCollection<int> graderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registrationIds);
        ArgumentNullException.ThrowIfNull(graderIds);
        scope.Demand(Privileges.AssignGraders);
        if (registrationIds.Count == 0)
        {
            throw new DomainRuleException(UserText.Get<GradingErrors>("SelectTest"));
        }

        var plan = Distribute(registrationIds, graderIds);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var accountAdmins = await db.Users.AsNoTracking()
            .Where(a => a.AccountId == scope.RequireAccountId())
            .Select(a => new { a.Id, a.DisplayName, a.Privileges })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var graderId in graderIds.Distinct())
        {
            if (!accountAdmins.TryGetValue(graderId, out var grader))
            {
                throw new NotFoundException(UserText.Get<GradingErrors>("GraderNotFound", graderId));
            }

            if ((grader.Privileges & Privileges.Grade) != Privileges.Grade)
            {
                throw new DomainRuleException(UserText.Get<GradingErrors>("GraderLacksPrivilege", grader.DisplayName));
            }
        }

        var ids = plan.Select(p => p.RegistrationId).ToList();
        var registrations = await db.Registrations.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        foreach (var id in ids)
        {
            if (!registrations.TryGetValue(id, out var registration))
            {
                throw new NotFoundException(UserText.Get<GradingErrors>("TestNotFound", id));
            }

            if (registration.Status != RegistrationStatus.PendingGrading)
            {
                throw new DomainRuleException(UserText.Get<GradingErrors>("AssignNotPending", id));
            }
        }

        var now = time.GetUtcNow();
        string? NameOf(int? adminId) => adminId is { } a && accountAdmins.TryGetValue(a, out var admin) ? admin.DisplayName : null;
        foreach (var (registrationId, graderId) in plan)
        {
            var registration = registrations[registrationId];
            var before = new { GraderId = registration.GraderId, Grader = NameOf(registration.GraderId) };
            registration.GraderId = graderId;
            registration.GraderAssignedAt = now;
            audit.Record(db, AuditLog.Actions.AssignGrader, registrationId, before, new { GraderId = graderId, Grader = NameOf(graderId) });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainRuleException(UserText.Get<GradingErrors>("AssignChangedMeanwhile"));
        }

        foreach (var (registrationId, _) in plan)
        {
            feed.Publish(new ResultsChange(scope.RequireAccountId(), registrationId, AuditLog.Actions.AssignGrader, now));
        }

        return [.. plan.GroupBy(p => p.GraderId)
            .OrderBy(g => g.Key)
            .Select(g => new GraderShare(g.Key, NameOf(g.Key) ?? "", [.. g.Select(p => p.RegistrationId)]))];
    }

    private IQueryable<GraderOption> GradersQuery(DashboardDbContext db)
    {
        // Administrators are not under the tenant filter (Identity signs in across accounts): filter here.
        var accountId = scope.RequireAccountId();
        return db.Users.AsNoTracking()
            .Where(a => a.AccountId == accountId && (a.Privileges & Privileges.Grade) == Privileges.Grade)
            .Select(a => new GraderOption(a.Id, a.DisplayName, a.Email));
    }
}
