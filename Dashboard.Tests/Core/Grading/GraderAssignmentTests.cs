using System.Text.Json;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Grading;
using Dashboard.Core.Live;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Grading;

public sealed class GraderAssignmentTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private WorldBuilder _world = default!;
    private GradingBuilder _people = default!;
    private Account _account = default!;
    private Administrator _owner = default!;
    private Administrator _grader = default!;
    private Administrator _grader2 = default!;
    private Subject _subject = default!;
    private Candidate _candidate = default!;

    public async Task InitializeAsync()
    {
        _world = new WorldBuilder(database);
        _people = new GradingBuilder(database);
        _account = await _world.AccountAsync();
        _owner = await _people.AdministratorAsync(_account, "Olivia Owner", Privileges.Owner);
        _grader = await _people.AdministratorAsync(_account, "Gaston Grader", Privileges.Grader);
        _grader2 = await _people.AdministratorAsync(_account, "Greta Grader", Privileges.Grader);
        _subject = await _world.SubjectAsync(essays: 2);
        _candidate = await _world.CandidateAsync(await _world.GroupAsync(_account));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ListsOnlyThisAccountsAdministratorsWhoMayGrade()
    {
        await _people.AdministratorAsync(_account, "Victor Viewer", Privileges.Viewer);
        var other = await _world.AccountAsync("Other");
        await _people.AdministratorAsync(other, "Oscar Elsewhere", Privileges.Grader);

        await using var scope = database.CreateScope(_account.Id, _owner.Id, _owner.Privileges);
        var graders = await scope.ServiceProvider.GetRequiredService<GraderAssignment>().ListGradersAsync(CancellationToken.None);

        Assert.Equal(["Gaston Grader", "Greta Grader", "Olivia Owner"], graders.Select(g => g.DisplayName));
    }

    [Fact]
    public async Task AssigningSetsTheGraderAndTimeAuditsAndPublishesEachTest()
    {
        var first = await _people.PendingTestAsync(_candidate, _subject);
        var second = await _people.PendingTestAsync(_candidate, _subject);
        var published = new List<ResultsChange>();
        using var subscription = database.Services.GetRequiredService<IAccountFeed<ResultsChange>>()
            .Subscribe(_account.Id, change => { lock (published) { published.Add(change); } return Task.CompletedTask; });

        var shares = await AssignAsync(_owner, [second.Id, first.Id], [_grader2.Id, _grader.Id]);

        Assert.Equal([(_grader.Id, "Gaston Grader", first.Id), (_grader2.Id, "Greta Grader", second.Id)],
            shares.Select(s => (s.GraderId, s.GraderName, Assert.Single(s.RegistrationIds))));
        await using var db = database.CreateDbContext(_account.Id);
        var saved = await db.Registrations.Where(r => r.Id == first.Id || r.Id == second.Id).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([_grader.Id, _grader2.Id], saved.Select(r => r.GraderId));
        Assert.All(saved, r => Assert.Equal(database.Time.GetUtcNow(), r.GraderAssignedAt));
        var audit = await db.AuditEntries.Where(a => a.Action == AuditLog.Actions.AssignGrader).OrderBy(a => a.RegistrationId).ToListAsync();
        Assert.Equal([first.Id, second.Id], audit.Select(a => a.RegistrationId));
        Assert.All(audit, a => Assert.Equal(_owner.Id, a.AdministratorId));
        Assert.Equal(["grading.assign", "grading.assign"], published.OrderBy(c => c.RegistrationId).Select(c => c.Kind));
        Assert.Equal([first.Id, second.Id], published.Select(c => c.RegistrationId).Order());
    }

    [Fact]
    public async Task ReassigningRecordsThePreviousAndTheNewGrader()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject, grader: _grader);

        await AssignAsync(_owner, [test.Id], [_grader2.Id]);

        await using var db = database.CreateDbContext(_account.Id);
        Assert.Equal(_grader2.Id, (await db.Registrations.SingleAsync(r => r.Id == test.Id)).GraderId);
        var entry = await db.AuditEntries.SingleAsync(a => a.RegistrationId == test.Id && a.Action == AuditLog.Actions.AssignGrader);
        Assert.Equal("Gaston Grader", JsonDocument.Parse(entry.Before!).RootElement.GetProperty("Grader").GetString());
        Assert.Equal("Greta Grader", JsonDocument.Parse(entry.After!).RootElement.GetProperty("Grader").GetString());
    }

    [Theory]
    [InlineData(Privileges.Viewer)]
    [InlineData(Privileges.Grader)]
    public async Task AdministratorsWithoutTheAssignPrivilegeCannotAssign(Privileges privileges)
    {
        var actor = await _people.AdministratorAsync(_account, "Someone", privileges);
        var test = await _people.PendingTestAsync(_candidate, _subject);

        await Assert.ThrowsAsync<PrivilegeException>(() => AssignAsync(actor, [test.Id], [_grader.Id]));

        Assert.Null(await GraderOfAsync(test.Id));
    }

    [Fact]
    public async Task ATestThatIsNotPendingGradingRefusesTheWholeAssignment()
    {
        var pending = await _people.PendingTestAsync(_candidate, _subject);
        var completed = await _world.RegistrationAsync(_candidate, _subject, RegistrationStatus.Completed);

        var error = await Assert.ThrowsAsync<DomainRuleException>(() => AssignAsync(_owner, [pending.Id, completed.Id], [_grader.Id]));

        Assert.Contains("not pending grading", error.Message, StringComparison.Ordinal);
        Assert.Null(await GraderOfAsync(pending.Id));
        Assert.Null(await GraderOfAsync(completed.Id));
    }

    [Fact]
    public async Task AnotherAccountsTestIsNotFoundAndNothingIsAssigned()
    {
        var other = await _world.AccountAsync("Other");
        var theirs = await _people.PendingTestAsync(await _world.CandidateAsync(await _world.GroupAsync(other)), _subject);
        var mine = await _people.PendingTestAsync(_candidate, _subject);

        await Assert.ThrowsAsync<NotFoundException>(() => AssignAsync(_owner, [mine.Id, theirs.Id], [_grader.Id]));

        Assert.Null(await GraderOfAsync(mine.Id));
        await using var db = database.CreateDbContext(other.Id);
        Assert.Null((await db.Registrations.SingleAsync(r => r.Id == theirs.Id)).GraderId);
    }

    [Fact]
    public async Task OnlyAnAdministratorOfTheAccountWithTheGradePrivilegeCanBeAssigned()
    {
        var test = await _people.PendingTestAsync(_candidate, _subject);
        var viewer = await _people.AdministratorAsync(_account, "Victor Viewer", Privileges.Viewer);
        var stranger = await _people.AdministratorAsync(await _world.AccountAsync("Other"), "Oscar Elsewhere", Privileges.Grader);

        await Assert.ThrowsAsync<DomainRuleException>(() => AssignAsync(_owner, [test.Id], [viewer.Id]));
        await Assert.ThrowsAsync<NotFoundException>(() => AssignAsync(_owner, [test.Id], [stranger.Id]));
        await Assert.ThrowsAsync<DomainRuleException>(() => AssignAsync(_owner, [test.Id], []));

        Assert.Null(await GraderOfAsync(test.Id));
    }

    private async Task<IReadOnlyList<GraderShare>> AssignAsync(Administrator actor, int[] tests, int[] graders)
    {
        await using var scope = database.CreateScope(_account.Id, actor.Id, actor.Privileges, actor.DisplayName);
        return await scope.ServiceProvider.GetRequiredService<GraderAssignment>().AssignAsync(tests, graders, CancellationToken.None);
    }

    private async Task<int?> GraderOfAsync(int registrationId)
    {
        await using var db = database.CreateDbContext(_account.Id);
        return (await db.Registrations.SingleAsync(r => r.Id == registrationId)).GraderId;
    }
}
