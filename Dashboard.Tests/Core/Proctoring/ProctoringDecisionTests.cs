using System.Text.Json;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Proctoring;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Proctoring;

public sealed class ProctoringDecisionTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private WorldBuilder _world = default!;
    private Account _account = default!;
    private Subject _subject = default!;
    private Candidate _candidate = default!;

    public async Task InitializeAsync()
    {
        _world = new WorldBuilder(database);
        _account = await _world.AccountAsync();
        _subject = await _world.SubjectAsync(threshold: 551);
        _candidate = await _world.CandidateAsync(await _world.GroupAsync(_account));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Registration> ProctoredAsync(ProctoringStatus status, double score = 720, TestType type = TestType.Certification,
        bool certificate = false, Candidate? candidate = null) =>
        _world.RegistrationAsync(candidate ?? _candidate, _subject, type: type, score: score, configure: r =>
        {
            r.ProctoringProfile = ProctoringProfile.Video;
            r.ProctoringStatus = status;
            r.IncidentCount = 1;
            r.CertificateValidated = certificate;
            r.CertificateNumber = certificate ? $"RD-T-{Guid.NewGuid():N}"[..20] : null;
            r.CertificateVerificationCode = certificate ? "ABCD-EFGH" : null;
        });

    private AsyncServiceScope Reviewer(string name = "Rita Reviewer") =>
        database.CreateScope(_account.Id, 7, Privileges.ViewResults | Privileges.ReviewProctoring, name);

    private async Task<Registration> ReloadAsync(int id)
    {
        await using var db = database.CreateDbContext(_account.Id);
        return await db.Registrations.AsNoTracking().FirstAsync(r => r.Id == id);
    }

    [Fact]
    public async Task ValidatingACertificationAtItsThresholdIssuesTheCertificate()
    {
        var sitting = await ProctoredAsync(ProctoringStatus.PendingReview, score: 551);
        await using var scope = Reviewer();
        var outcome = await scope.ServiceProvider.GetRequiredService<ProctoringReviewService>()
            .DecideAsync([new SittingVersion(sitting.Id, sitting.Version)], validate: true, "Looked fine", CancellationToken.None);

        var saved = await ReloadAsync(sitting.Id);
        Assert.Equal(ProctoringStatus.Validated, saved.ProctoringStatus);
        Assert.True(saved.CertificateValidated);
        Assert.NotNull(saved.CertificateNumber);
        Assert.Equal(1, outcome.CertificatesIssued);
    }

    [Fact]
    public async Task ValidatingBelowTheThresholdIssuesNoCertificate()
    {
        var sitting = await ProctoredAsync(ProctoringStatus.PendingReview, score: 550);
        await using var scope = Reviewer();
        await scope.ServiceProvider.GetRequiredService<ProctoringReviewService>()
            .DecideAsync([new SittingVersion(sitting.Id, sitting.Version)], validate: true, null, CancellationToken.None);

        var saved = await ReloadAsync(sitting.Id);
        Assert.Equal(ProctoringStatus.Validated, saved.ProctoringStatus);
        Assert.False(saved.CertificateValidated);
        Assert.Null(saved.CertificateNumber);
    }

    [Fact]
    public async Task InvalidatingRevokesAnIssuedCertificateAndIsAuditedAndPublished()
    {
        var sitting = await ProctoredAsync(ProctoringStatus.Validated, certificate: true);
        var feed = database.Services.GetRequiredService<IAccountFeed<ResultsChange>>();
        var published = new List<ResultsChange>();
        using var subscription = feed.Subscribe(_account.Id, change => { lock (published) { published.Add(change); } return Task.CompletedTask; });
        await using var scope = Reviewer();
        var outcome = await scope.ServiceProvider.GetRequiredService<ProctoringReviewService>()
            .DecideAsync([new SittingVersion(sitting.Id, sitting.Version)], validate: false, "Second person on camera", CancellationToken.None);

        var saved = await ReloadAsync(sitting.Id);
        Assert.Equal(ProctoringStatus.Invalid, saved.ProctoringStatus);
        Assert.False(saved.CertificateValidated);
        Assert.Equal(sitting.CertificateNumber, saved.CertificateNumber);
        Assert.Equal(1, outcome.CertificatesRevoked);
        Assert.Contains(published, c => c.RegistrationId == sitting.Id && c.Kind == AuditLog.Actions.ProctoringDecision);

        await using var db = database.CreateDbContext(_account.Id);
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.RegistrationId == sitting.Id && a.Action == AuditLog.Actions.ProctoringDecision);
        Assert.Equal("Rita Reviewer", entry.Actor);
        Assert.Equal(database.Time.GetUtcNow(), entry.At);
        Assert.Equal("Invalid", JsonDocument.Parse(entry.After!).RootElement.GetProperty("Status").GetString());
        Assert.Equal("Second person on camera", entry.Detail);
        var review = await db.ProctoringReviews.AsNoTracking().SingleAsync(r => r.RegistrationId == sitting.Id);
        Assert.Equal("Rita Reviewer", review.DecidedBy);
    }

    [Fact]
    public async Task AnInvalidSittingCannotBeValidatedAgain()
    {
        var sitting = await ProctoredAsync(ProctoringStatus.Invalid);
        await using var scope = Reviewer();
        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() => scope.ServiceProvider.GetRequiredService<ProctoringReviewService>()
            .DecideAsync([new SittingVersion(sitting.Id, sitting.Version)], validate: true, null, CancellationToken.None));

        Assert.Contains("invalid cannot be validated", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ProctoringStatus.Invalid, (await ReloadAsync(sitting.Id)).ProctoringStatus);
    }

    [Fact]
    public async Task BulkValidateOf500SittingsIsOneTransaction()
    {
        var sittings = await ManyAsync(500);
        await using (var scope = Reviewer())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<ProctoringReviewService>()
                .DecideAsync(sittings, validate: true, null, CancellationToken.None);
            Assert.Equal(500, outcome.Decided);
        }

        var ids = sittings.Select(s => s.RegistrationId).ToList();
        await using var db = database.CreateDbContext(_account.Id);
        Assert.Equal(500, await db.Registrations.CountAsync(r => ids.Contains(r.Id) && r.ProctoringStatus == ProctoringStatus.Validated && r.CertificateValidated));
        Assert.Equal(500, await db.AuditEntries.CountAsync(a => a.RegistrationId != null && ids.Contains(a.RegistrationId.Value)
            && a.Action == AuditLog.Actions.ProctoringDecision));
    }

    [Fact]
    public async Task BulkValidateWithOneSittingChangedMeanwhileChangesNoneOfThe500()
    {
        var sittings = await ManyAsync(500);
        var changed = sittings[321];
        await using (var other = Reviewer("Oscar Other"))
        {
            await other.ServiceProvider.GetRequiredService<ProctoringReviewService>()
                .DecideAsync([changed], validate: false, null, CancellationToken.None);
        }

        await using var scope = Reviewer();
        var conflict = await Assert.ThrowsAsync<ProctoringConflictException>(() => scope.ServiceProvider.GetRequiredService<ProctoringReviewService>()
            .DecideAsync(sittings, validate: true, null, CancellationToken.None));

        Assert.Contains("Oscar Other", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("invalid", conflict.Message, StringComparison.Ordinal);
        var ids = sittings.Select(s => s.RegistrationId).ToList();
        await using var db = database.CreateDbContext(_account.Id);
        Assert.Equal(0, await db.Registrations.CountAsync(r => ids.Contains(r.Id) && r.ProctoringStatus == ProctoringStatus.Validated));
        Assert.Equal(ProctoringStatus.Invalid, (await ReloadAsync(changed.RegistrationId)).ProctoringStatus);
    }

    [Fact]
    public async Task TwoReviewersDecidingAtOnceOneWinsTheOtherIsTold()
    {
        var sitting = await ProctoredAsync(ProctoringStatus.PendingReview);
        var loaded = new SittingVersion(sitting.Id, sitting.Version);
        await using var first = Reviewer("First Reviewer");
        await using var second = Reviewer("Second Reviewer");
        await first.ServiceProvider.GetRequiredService<ProctoringReviewService>().DecideAsync([loaded], validate: false, "fraud", CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<ProctoringConflictException>(() =>
            second.ServiceProvider.GetRequiredService<ProctoringReviewService>().DecideAsync([loaded], validate: true, "fine", CancellationToken.None));

        Assert.Contains("First Reviewer", conflict.Message, StringComparison.Ordinal);
        var saved = await ReloadAsync(sitting.Id);
        Assert.Equal(ProctoringStatus.Invalid, saved.ProctoringStatus);
        await using var db = database.CreateDbContext(_account.Id);
        Assert.Equal("fraud", (await db.ProctoringReviews.AsNoTracking().SingleAsync(r => r.RegistrationId == sitting.Id)).ReviewerComment);
    }

    [Fact]
    public async Task ConcurrentSaveAfterTheVersionCheckIsStillRefusedByTheUpdate()
    {
        var sitting = await ProctoredAsync(ProctoringStatus.PendingReview);
        // Both decisions start from the same loaded version; the database's concurrency check lets only one through.
        var loaded = new SittingVersion(sitting.Id, sitting.Version);
        var tasks = Enumerable.Range(0, 2).Select(async i =>
        {
            await using var scope = Reviewer($"Reviewer {i}");
            try
            {
                await scope.ServiceProvider.GetRequiredService<ProctoringReviewService>().DecideAsync([loaded], validate: i == 0, null, CancellationToken.None);
                return true;
            }
            catch (ProctoringConflictException)
            {
                return false;
            }
        }).ToList();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, won => won);
        await using var db = database.CreateDbContext(_account.Id);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.RegistrationId == sitting.Id && a.Action == AuditLog.Actions.ProctoringDecision));
    }

    [Fact]
    public async Task AViewerCannotDecide()
    {
        var sitting = await ProctoredAsync(ProctoringStatus.PendingReview);
        await using var scope = database.CreateScope(_account.Id, 8, Privileges.Viewer);
        await Assert.ThrowsAsync<PrivilegeException>(() => scope.ServiceProvider.GetRequiredService<ProctoringReviewService>()
            .DecideAsync([new SittingVersion(sitting.Id, sitting.Version)], validate: true, null, CancellationToken.None));
        Assert.Equal(ProctoringStatus.PendingReview, (await ReloadAsync(sitting.Id)).ProctoringStatus);
    }

    [Fact]
    public async Task AnotherAccountsSittingIsNotFound()
    {
        var other = await _world.AccountAsync("Globex");
        var foreign = await ProctoredAsync(ProctoringStatus.PendingReview, candidate: await _world.CandidateAsync(await _world.GroupAsync(other)));
        await using var scope = Reviewer();
        await Assert.ThrowsAsync<NotFoundException>(() => scope.ServiceProvider.GetRequiredService<ProctoringReviewService>()
            .DecideAsync([new SittingVersion(foreign.Id, foreign.Version)], validate: false, null, CancellationToken.None));
        await using var db = database.CreateDbContext(other.Id);
        Assert.Equal(ProctoringStatus.PendingReview, (await db.Registrations.AsNoTracking().FirstAsync(r => r.Id == foreign.Id)).ProctoringStatus);
    }

    [Fact]
    public async Task TheGridFiltersByStatusProfileAndIncidentKind()
    {
        var awaiting = await ProctoredAsync(ProctoringStatus.AwaitingDetails);
        var pending = await ProctoredAsync(ProctoringStatus.PendingReview);
        await using (var db = database.CreateDbContext(_account.Id))
        {
            db.ProctoringIncidents.Add(new ProctoringIncident { RegistrationId = pending.Id, Kind = IncidentKind.SecondPerson, OccurredAt = database.Time.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        await using var scope = Reviewer();
        var service = scope.ServiceProvider.GetRequiredService<ProctoringReviewService>();
        var byStatus = await service.QueryAsync(new ProctoringFilter(Status: ProctoringStatus.AwaitingDetails), 0, 50, false, CancellationToken.None);
        var byIncident = await service.QueryAsync(new ProctoringFilter(Incident: IncidentKind.SecondPerson), 0, 50, false, CancellationToken.None);
        var byOtherProfile = await service.QueryAsync(new ProctoringFilter(Profile: ProctoringProfile.RoomScan), 0, 50, false, CancellationToken.None);

        Assert.Equal([awaiting.Id], byStatus.Rows.Select(r => r.Id));
        Assert.Equal([pending.Id], byIncident.Rows.Select(r => r.Id));
        Assert.Equal([IncidentKind.SecondPerson], byIncident.Rows[0].IncidentKinds);
        Assert.Equal("Anne Martin", byIncident.Rows[0].FullName);
        Assert.Empty(byOtherProfile.Rows);
    }

    private async Task<List<SittingVersion>> ManyAsync(int count)
    {
        var now = database.Time.GetUtcNow();
        await using var db = database.CreateDbContext(_account.Id);
        var registrations = Enumerable.Range(0, count).Select(i => new Registration
        {
            AccountId = _account.Id, CandidateId = _candidate.Id, GroupId = _candidate.GroupId, SubjectId = _subject.Id,
            TestType = TestType.Certification, Status = RegistrationStatus.Completed, RegisteredAt = now.AddDays(-3),
            StartedAt = now.AddMinutes(-60 - i), CompletedAt = now.AddMinutes(-30 - i), Score = 700, SortName = "martin anne",
            ProctoringProfile = ProctoringProfile.FullScreen, ProctoringStatus = ProctoringStatus.PendingReview, IncidentCount = 1,
        }).ToList();
        db.Registrations.AddRange(registrations);
        await db.SaveChangesAsync();
        return registrations.Select(r => new SittingVersion(r.Id, r.Version)).ToList();
    }
}
