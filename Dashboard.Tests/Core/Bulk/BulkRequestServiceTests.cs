using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Bulk;

public sealed class BulkRequestServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task CreatingARequestStoresItAuditsItAndSchedulesItsJob()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 2);

        await using var scope = context.AsAdministrator(world.Admin);
        var id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.GroupReport, "fr"));

        var request = await context.LoadAsync(world.Account.Id, id);
        Assert.Equal((BulkStatus.Queued, world.Admin.Id, world.Admin.Email, "fr"), (request.Status, request.RequestedById, request.RequestedByEmail, request.Language));
        Assert.Equal((world.Group.Name, world.Subject.Name), (request.GroupName, request.SubjectName));
        Assert.Equal([id], await context.ScheduledAsync(world.Account));
        await using var db = database.CreateDbContext(world.Account.Id);
        Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditLog.Actions.BulkRequest && a.AdministratorId == world.Admin.Id).ToListAsync());
    }

    [Fact]
    public async Task AnArchivedGroupChosenOnPurposeIsReportedWithItsSittings()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 2);
        await using (var db = database.CreateDbContext(world.Account.Id))
        {
            await db.Groups.Where(g => g.Id == world.Group.Id).ExecuteUpdateAsync(g => g.SetProperty(x => x.IsArchived, true));
        }

        await using var scope = context.AsAdministrator(world.Admin);
        // Refused before with "widen the period": the hidden-archived rule emptied the group.
        var id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.GroupReport));

        Assert.Equal([id], await context.ScheduledAsync(world.Account));
    }

    [Fact]
    public async Task TheDialogOffersOnlyTheTestsTheGroupActuallyTook()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 2);
        var builder = new WorldBuilder(database);
        var untaken = await builder.SubjectAsync("Python");
        var notFinished = await builder.SubjectAsync("Word");
        await builder.RegistrationAsync(world.Candidates[0], notFinished, status: RegistrationStatus.InProgress);

        await using var scope = context.AsAdministrator(world.Admin);
        var service = scope.ServiceProvider.GetRequiredService<BulkRequestService>();
        var subjects = await service.GetSubjectsTakenAsync(world.Group.Id);

        var taken = Assert.Single(subjects);
        Assert.Equal((world.Subject.Id, 2), (taken.Id, taken.CompletedCount));
        var error = await Assert.ThrowsAsync<DomainRuleException>(() =>
            service.CreateAsync(world.Input(BulkKind.GroupReport) with { SubjectId = untaken.Id }));
        Assert.Contains("has not taken this test", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "2026-01-01", "2026-12-31", "English (en) or French (fr)")]
    [InlineData("en", "2026-12-31", "2026-01-01", "start of the period must be on or before its end")]
    [InlineData("en", "2020-01-01", "2020-12-31", "widen the period")]
    public async Task AnInvalidRequestIsRefusedWithAClearMessage(string language, string from, string to, string expected)
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 1);

        await using var scope = context.AsAdministrator(world.Admin);
        var service = scope.ServiceProvider.GetRequiredService<BulkRequestService>();
        var error = await Assert.ThrowsAsync<DomainRuleException>(() => service.CreateAsync(
            world.Input(BulkKind.GroupReport) with { Language = language, From = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), To = DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(await context.ScheduledAsync(world.Account));
    }

    [Fact]
    public async Task AGroupIsRequired()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 1);

        await using var scope = context.AsAdministrator(world.Admin);
        var error = await Assert.ThrowsAsync<DomainRuleException>(() => scope.ServiceProvider.GetRequiredService<BulkRequestService>()
            .CreateAsync(world.Input(BulkKind.GroupReport) with { GroupId = 0 }));
        Assert.Contains("Select a group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendingToCandidatesNeedsTheSendPrivilegeAsWellAsGroupReports()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 1);

        await using var scope = context.AsAdministrator(world.Admin, Privileges.ViewResults | Privileges.GroupReports);
        var service = scope.ServiceProvider.GetRequiredService<BulkRequestService>();
        await Assert.ThrowsAsync<PrivilegeException>(() => service.CreateAsync(world.Input(BulkKind.SendReportsToCandidates)));
        await Assert.ThrowsAsync<PrivilegeException>(() => service.CreateAsync(world.Input(BulkKind.SendCertificatesToCandidates)));
        Assert.True(await service.CreateAsync(world.Input(BulkKind.AllIndividualReports)) > 0);

        await using var viewer = context.AsAdministrator(world.Admin, Privileges.ViewResults);
        await Assert.ThrowsAsync<PrivilegeException>(() => viewer.ServiceProvider.GetRequiredService<BulkRequestService>()
            .CreateAsync(world.Input(BulkKind.GroupReport)));
    }

    [Fact]
    public async Task AnotherAccountsRequestIsInvisibleAndAnExpiredFileIsGone()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 1);
        var other = await BulkWorld.CreateAsync(database, context, candidates: 1);
        int id;
        await using (var scope = context.AsAdministrator(world.Admin))
        {
            id = await scope.ServiceProvider.GetRequiredService<BulkRequestService>().CreateAsync(world.Input(BulkKind.GroupReport));
        }

        await context.RunAsync(world.Account.Id, id);

        await using (var stranger = context.AsAdministrator(other.Admin))
        {
            var service = stranger.ServiceProvider.GetRequiredService<BulkRequestService>();
            await Assert.ThrowsAsync<NotFoundException>(() => service.GetDownloadAsync(id));
            await Assert.ThrowsAsync<NotFoundException>(() => service.RetryAsync(id));
            Assert.Empty(await service.ListAsync(wholeAccount: true));
        }

        await using (var owner = context.AsAdministrator(world.Admin))
        {
            var service = owner.ServiceProvider.GetRequiredService<BulkRequestService>();
            var download = await service.GetDownloadAsync(id);
            Assert.True(File.Exists(download.Path));
            Assert.Equal("application/pdf", download.ContentType);
            var mine = Assert.Single(await service.ListAsync());
            Assert.Equal((id, BulkStatus.Completed, 1, 1), (mine.Id, mine.Status, mine.ItemsDone, mine.ItemsTotal));

            database.Time.Advance(TimeSpan.FromHours(73));
            await Assert.ThrowsAsync<BulkFileGoneException>(() => service.GetDownloadAsync(id));
        }

        await using (var system = context.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await system.ServiceProvider.GetRequiredService<BulkFileCleaner>().CleanAsync());
        }

        var cleaned = await context.LoadAsync(world.Account.Id, id);
        Assert.Null(cleaned.OutputPath);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(context.StorageRoot, "bulk"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task OnlyAFailedRequestOrOneWithFailuresCanBeRetried()
    {
        await using var context = new BulkTestContext(database, smtp: null);
        var world = await BulkWorld.CreateAsync(database, context, candidates: 1);
        await using var scope = context.AsAdministrator(world.Admin);
        var service = scope.ServiceProvider.GetRequiredService<BulkRequestService>();
        var id = await service.CreateAsync(world.Input(BulkKind.GroupReport));

        await Assert.ThrowsAsync<DomainRuleException>(() => service.RetryAsync(id));

        await using (var db = database.CreateDbContext(world.Account.Id))
        {
            var request = await db.Set<BulkRequest>().SingleAsync(r => r.Id == id);
            request.Status = BulkStatus.Failed;
            request.Error = "disk full";
            await db.SaveChangesAsync();
        }

        // The first trigger has fired (Quartz removes it); Retry stores a new one.
        await context.UnscheduleAsync(id);
        await service.RetryAsync(id);
        var retried = await context.LoadAsync(world.Account.Id, id);
        Assert.Equal((BulkStatus.Queued, (string?)null), (retried.Status, retried.Error));
        Assert.Equal([id], await context.ScheduledAsync(world.Account));
    }
}
