using Dashboard.Core.DashboardMetrics;
using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Core.Documents;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.DashboardMetrics;

/// <summary>The Dashboard, the group report PDF and the group bulk jobs count the same sittings: the account's days.</summary>
public sealed class DashboardAndGroupReportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly DocumentWorld _world = new(database);

    /// <summary>
    /// Europe/Paris periods across a clock change: "Aube" completed at 00:30 Paris time on the first day (the evening
    /// before in UTC), "Tardif" at 00:30 Paris time on the day after the last (still the last day in UTC).
    /// </summary>
    [Theory]
    [InlineData("2026-03-01", "2026-03-29", "2026-02-28T23:30:00Z", "2026-03-29T22:30:00Z")] // spring: clocks go forward on 29 March
    [InlineData("2026-10-01", "2026-10-25", "2026-09-30T22:30:00Z", "2026-10-25T23:30:00Z")] // autumn: clocks go back on 25 October
    public async Task DashboardGroupReportAndBulkJobsCountTheSameSittingsAcrossAClockChange(string from, string to, string firstNight, string nightAfter)
    {
        var (fromDay, toDay) = (DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account, "Promotion");
        var subject = await _world.World.SubjectAsync("Excel");
        await _world.World.RegistrationAsync(await _world.World.CandidateAsync(group, "Anne", "Aube"), subject, score: 700,
            completedAt: DateTimeOffset.Parse(firstNight, System.Globalization.CultureInfo.InvariantCulture));
        await _world.World.RegistrationAsync(await _world.World.CandidateAsync(group, "Marc", "Milieu"), subject, score: 600,
            completedAt: new DateTimeOffset(fromDay.AddDays(10).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        await _world.World.RegistrationAsync(await _world.World.CandidateAsync(group, "Théo", "Tardif"), subject, score: 500,
            completedAt: DateTimeOffset.Parse(nightAfter, System.Globalization.CultureInfo.InvariantCulture));

        var (dashboard, pdf, bulk) = await SelectEveryWayAsync(account, group, subject, fromDay, toDay);

        Assert.Equal(["Aube", "Milieu"], dashboard.TopTen.Select(t => t.LastName).Order());
        Assert.Equal(2, dashboard.CompletedCount);
        Assert.Equal(["Aube", "Milieu"], bulk);
        Assert.Contains("Aube Anne", pdf);
        Assert.Contains("Milieu Marc", pdf);
        Assert.DoesNotContain("Tardif", pdf);
    }

    [Fact]
    public async Task AnArchivedSubGroupCountsInNeitherUnlessTheArchivedGroupItselfIsChosen()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account, "Promotion");
        var archived = await _world.World.GroupAsync(account, "Promotion 2019", group, archived: true);
        var subject = await _world.World.SubjectAsync("Excel");
        var inNovember = new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
        await _world.World.RegistrationAsync(await _world.World.CandidateAsync(group, "Anne", "Actuelle"), subject, score: 700, completedAt: inNovember);
        await _world.World.RegistrationAsync(await _world.World.CandidateAsync(archived, "Bruno", "Ancien"), subject, score: 600, completedAt: inNovember);
        var (from, to) = (new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

        var (dashboard, pdf, bulk) = await SelectEveryWayAsync(account, group, subject, from, to);
        var (archivedDashboard, archivedPdf, archivedBulk) = await SelectEveryWayAsync(account, archived, subject, from, to);

        Assert.Equal(["Actuelle"], dashboard.TopTen.Select(t => t.LastName));
        Assert.Equal(["Actuelle"], bulk);
        Assert.DoesNotContain("Ancien", pdf);
        Assert.Equal(["Ancien"], archivedDashboard.TopTen.Select(t => t.LastName));
        Assert.Equal(["Ancien"], archivedBulk);
        Assert.Contains("Ancien Bruno", archivedPdf);
    }

    /// <summary>The Dashboard's report, the group report PDF's text and the bulk jobs' candidates (by last name) for one group and period.</summary>
    private async Task<(DashboardReport Dashboard, string Pdf, List<string> Bulk)> SelectEveryWayAsync(Account account, Group group, Subject subject,
        DateOnly fromDay, DateOnly toDay)
    {
        await using var scope = database.CreateScope(account.Id);
        var dashboard = await scope.ServiceProvider.GetRequiredService<DashboardQuery>().GetReportAsync(
            new DashboardSelection { GroupId = group.Id, SubjectId = subject.Id, From = fromDay, To = toDay }, CancellationToken.None);
        var pdf = DocumentWorld.PdfText((await DocumentWorld.Documents(scope).GroupReportAsync(
            new GroupReportRequest(group.Id, subject.Id, fromDay, toDay, "en"))).Content);
        await using var db = database.CreateDbContext(account.Id);
        var bulk = new List<string>();
        await foreach (var row in scope.ServiceProvider.GetRequiredService<IResultsQuery>().StreamAsync(
            await GroupReportFilter.ForAsync(db, group.Id, subject.Id, fromDay, toDay, CancellationToken.None), ResultsSortKeys.Name))
        {
            bulk.Add(row.LastName);
        }

        return (dashboard, pdf, bulk);
    }
}
