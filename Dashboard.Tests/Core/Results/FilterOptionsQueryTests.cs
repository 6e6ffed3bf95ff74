using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Results;

public sealed class FilterOptionsQueryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<ResultsFilterOptions> OptionsAsync(int accountId)
    {
        await using var scope = database.CreateScope(accountId);
        return await scope.ServiceProvider.GetRequiredService<FilterOptionsQuery>().GetAsync();
    }

    [Fact]
    public async Task SubGroupsFollowTheirParentIndentedAndArchivedGroupsAreMarked()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var sales = await world.GroupAsync(account, "Sales");
        await world.GroupAsync(account, "Sales West", sales);
        await world.GroupAsync(account, "Sales East", sales, archived: true);
        await world.GroupAsync(account, "Accounting");

        var options = await OptionsAsync(account.Id);

        Assert.Equal(
            [("Accounting", 0, false), ("Sales", 0, false), ("Sales East", 1, true), ("Sales West", 1, false)],
            options.Groups.Select(g => (g.Name, g.Depth, g.IsArchived)));
        Assert.All(options.Groups.Where(g => g.Depth == 1), g => Assert.Equal(sales.Id, g.ParentGroupId));
    }

    [Fact]
    public async Task ListsOnlyTheAccountsOwnGroupsSessionsAndSubjectsInUse()
    {
        var world = new WorldBuilder(database);
        var excel = await world.SubjectAsync("Excel");
        await world.SubjectAsync("Unused subject");
        var account = await world.AccountAsync();
        var other = await world.AccountAsync("Other");
        var session = await world.SessionAsync(account, "Mine");
        await world.SessionAsync(other, "Theirs");
        await world.GroupAsync(other, "Their group");
        await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(account, "Mine")), excel);
        var python = await world.SubjectAsync("Python");
        await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(other, "Theirs")), python);

        var options = await OptionsAsync(account.Id);

        Assert.Equal(["Mine"], options.Groups.Select(g => g.Name));
        Assert.Equal([session.Id], options.Sessions.Select(s => s.Id));
        Assert.Equal(["Excel"], options.Subjects.Select(s => s.Name));
        Assert.Equal(account.TimeZoneId, options.Calendar.ZoneName);
    }

    [Fact]
    public async Task AnAdministratorWithoutViewResultsIsRefused()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        await using var scope = database.CreateScope(account.Id, 1, Privileges.Export);

        await Assert.ThrowsAsync<PrivilegeException>(() => scope.ServiceProvider.GetRequiredService<FilterOptionsQuery>().GetAsync());
    }

    [Fact]
    public async Task ResultRowsCountTheQuestionsAnsweredSoFar()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync(skills: 1, questionsPerSkill: 4);
        var account = await world.AccountAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var registration = await world.RegistrationAsync(candidate, subject, RegistrationStatus.InProgress, configure: r =>
        {
            r.Responses.AddRange(subject.Questions.Take(3).Select((q, i) => new Response { QuestionId = q.Id, Order = i, Answer = "A", Points = 1 }));
        });

        await using var scope = database.CreateScope(account.Id);
        var page = await scope.ServiceProvider.GetRequiredService<IResultsQuery>()
            .GetPageAsync(new ResultsPageRequest(new ResultsFilter { Status = RegistrationStatus.InProgress }));

        Assert.Equal(3, page.Rows.Single(r => r.Id == registration.Id).AnsweredCount);
    }
}
