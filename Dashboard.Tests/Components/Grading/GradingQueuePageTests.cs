using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Grading;

namespace Dashboard.Tests.Components.Grading;

public sealed class GradingQueuePageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task TheQueueShowsEachTestWithItsWaitingTimeAndAGradeLink()
    {
        var world = new WorldBuilder(database);
        var people = new GradingBuilder(database);
        var account = await world.AccountAsync();
        var grader = await people.AdministratorAsync(account, "Gaston Grader", Privileges.Grader);
        var subject = await world.SubjectAsync("Python", essays: 2);
        var test = await people.PendingTestAsync(await world.CandidateAsync(await world.GroupAsync(account), "Zoé", "Lefèvre"), subject,
            completedAt: database.Time.GetUtcNow().AddHours(-26).AddMinutes(-5), grader: grader);
        await using var context = GradingComponentHost.Create(database, account, grader);

        var page = context.Render<GradingQueuePage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        var cells = page.FindAll("tbody tr td").Select(c => c.TextContent.Trim()).ToList();
        // Completed 2026-11-26 07:55 UTC: 08:55 in Europe/Paris; waited 1 day 2 hours.
        Assert.Equal(["Zoé Lefèvre", "Python · Evaluation", "26/11/2026 08:55 (Europe/Paris)", "1 d 2 h", "0 of 2", "Grade"], cells);
        Assert.Equal($"grading/{test.Id}", page.Find("tbody a").GetAttribute("href"));
    }

    [Fact]
    public async Task AGraderWithNothingAssignedSeesAnEmptyState()
    {
        var account = await new WorldBuilder(database).AccountAsync();
        var grader = await new GradingBuilder(database).AdministratorAsync(account, "Gaston Grader", Privileges.Grader);
        await using var context = GradingComponentHost.Create(database, account, grader);

        var page = context.Render<GradingQueuePage>();

        page.WaitForAssertion(() => Assert.Contains("No test is waiting for you", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("table"));
    }
}
