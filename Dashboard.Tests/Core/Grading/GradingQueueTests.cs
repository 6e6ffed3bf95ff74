using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Grading;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Grading;

public sealed class GradingQueueTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task TheQueueListsMyPendingTestsOldestFirstWithTheirWaitingTime()
    {
        var world = new WorldBuilder(database);
        var people = new GradingBuilder(database);
        var account = await world.AccountAsync();
        var me = await people.AdministratorAsync(account, "Gaston Grader", Privileges.Grader);
        var colleague = await people.AdministratorAsync(account, "Greta Grader", Privileges.Grader);
        var subject = await world.SubjectAsync("Python", essays: 2);
        var group = await world.GroupAsync(account);
        var now = database.Time.GetUtcNow();
        var recent = await people.PendingTestAsync(await world.CandidateAsync(group, "Anne", "Recent"), subject, completedAt: now.AddHours(-3), grader: me);
        var oldest = await people.PendingTestAsync(await world.CandidateAsync(group, "Éloïse", "Oldest"), subject, completedAt: now.AddDays(-2), grader: me);
        await people.PendingTestAsync(await world.CandidateAsync(group), subject, completedAt: now.AddDays(-5), grader: colleague);
        await people.PendingTestAsync(await world.CandidateAsync(group), subject, completedAt: now.AddDays(-6));
        await world.RegistrationAsync(await world.CandidateAsync(group), subject, RegistrationStatus.Completed, configure: r => r.GraderId = me.Id);

        await using var scope = database.CreateScope(account.Id, me.Id, me.Privileges);
        var queue = await scope.ServiceProvider.GetRequiredService<GradingQueue>().MyQueueAsync(CancellationToken.None);

        Assert.Equal([oldest.Id, recent.Id], queue.Select(q => q.RegistrationId));
        Assert.Equal(["Éloïse Oldest", "Anne Recent"], queue.Select(q => q.CandidateName));
        Assert.Equal([TimeSpan.FromDays(2), TimeSpan.FromHours(3)], queue.Select(q => q.Waiting));
        Assert.All(queue, q => Assert.Equal(("Python", 2, 0), (q.SubjectName, q.ManualQuestions, q.ConfirmedQuestions)));
    }

    [Fact]
    public async Task AViewerHasNoGradingQueue()
    {
        var account = await new WorldBuilder(database).AccountAsync();
        var viewer = await new GradingBuilder(database).AdministratorAsync(account, "Victor Viewer", Privileges.Viewer);

        await using var scope = database.CreateScope(account.Id, viewer.Id, viewer.Privileges);

        await Assert.ThrowsAsync<PrivilegeException>(() => scope.ServiceProvider.GetRequiredService<GradingQueue>().MyQueueAsync(CancellationToken.None));
    }
}
