using System.Diagnostics;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Data.DemoData;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.Tests.Core.Data;

/// <summary>One seeded world (3,000 registrations) shared by the tests of this class.</summary>
public sealed class DemoWorldFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public TimeSpan SeedDuration { get; private set; }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        await using var db = Database.CreateDbContext(null);
        var watch = Stopwatch.StartNew();
        await DemoWorld.SeedAsync(db, new DemoWorldOptions(Seed: 42, Registrations: 3000, AdminPassword: "Demo-2026!"), Database.Time);
        SeedDuration = watch.Elapsed;
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}

public sealed class DemoWorldTests(DemoWorldFixture fixture, ITestOutputHelper output) : IClassFixture<DemoWorldFixture>
{
    private readonly TestDatabase _database = fixture.Database;

    private DashboardDbContext Unfiltered() => _database.CreateDbContext(null);

    [Fact]
    public async Task BothAccountsArePopulated()
    {
        output.WriteLine($"Seeded 3,000 registrations in {fixture.SeedDuration.TotalMilliseconds:F0} ms");
        await using var db = Unfiltered();
        var accounts = await db.Accounts.OrderBy(a => a.Id).ToListAsync();

        Assert.Equal(["Acme Learning", "Globex Formation"], accounts.Select(a => a.Name));
        Assert.Equal("Europe/Paris", accounts[0].TimeZoneId);
        foreach (var account in accounts)
        {
            Assert.True(await db.Registrations.IgnoreQueryFilters().CountAsync(r => r.AccountId == account.Id) > 300);
            Assert.True(await db.Candidates.IgnoreQueryFilters().CountAsync(r => r.AccountId == account.Id) > 100);
            Assert.True(await db.Groups.IgnoreQueryFilters().CountAsync(g => g.AccountId == account.Id && g.ParentGroupId != null) > 0);
            Assert.True(await db.Groups.IgnoreQueryFilters().CountAsync(g => g.AccountId == account.Id && g.IsArchived) > 0);
            Assert.True(await db.TestSessions.IgnoreQueryFilters().CountAsync(s => s.AccountId == account.Id) > 12);
        }

        var total = await db.Registrations.IgnoreQueryFilters().CountAsync();
        Assert.InRange(total, 2900, 3100);
    }

    [Fact]
    public async Task EveryStatusAndTestTypeIsPresentInEachAccount()
    {
        await using var db = Unfiltered();
        var combos = await db.Registrations.IgnoreQueryFilters()
            .GroupBy(r => new { r.AccountId, r.Status, r.TestType })
            .Select(g => g.Key)
            .ToListAsync();

        foreach (var accountId in combos.Select(c => c.AccountId).Distinct())
        {
            Assert.Equal(Enum.GetValues<RegistrationStatus>().Length, combos.Where(c => c.AccountId == accountId).Select(c => c.Status).Distinct().Count());
            Assert.Equal(Enum.GetValues<TestType>().Length, combos.Where(c => c.AccountId == accountId).Select(c => c.TestType).Distinct().Count());
        }
    }

    [Fact]
    public async Task TodayHasSittingsInTheAccountsTimeZone()
    {
        await using var db = Unfiltered();
        var acme = await db.Accounts.SingleAsync(a => a.Name == "Acme Learning");
        await using var scope = _database.CreateScope(acme.Id);
        var query = scope.ServiceProvider.GetRequiredService<IResultsQuery>();

        var today = await query.GetPageAsync(new ResultsPageRequest(Today.Apply(ResultsFilter.Default, AccountCalendar.For(acme.TimeZoneId), _database.Time), PageSize: 500));

        Assert.True(today.TotalCount >= 3, $"only {today.TotalCount} sittings today");
        Assert.Contains(today.Rows, r => r.Status == RegistrationStatus.InProgress);
        Assert.Contains(today.Rows, r => r.Status is RegistrationStatus.Completed or RegistrationStatus.PendingGrading);
        var (start, end) = AccountCalendar.For(acme.TimeZoneId).TodayRange(_database.Time);
        Assert.All(today.Rows, r => Assert.True((r.StartedAt >= start && r.StartedAt < end) || (r.CompletedAt >= start && r.CompletedAt < end)));
    }

    [Fact]
    public async Task RegistrationsSpreadOverEighteenMonthsAndNothingIsInTheFuture()
    {
        await using var db = Unfiltered();
        var now = _database.Time.GetUtcNow();
        var registered = await db.Registrations.IgnoreQueryFilters().Select(r => r.RegisteredAt).ToListAsync();
        var completed = await db.Registrations.IgnoreQueryFilters().Where(r => r.CompletedAt != null).Select(r => r.CompletedAt!.Value).ToListAsync();

        Assert.True(registered.Min() < now.AddDays(-500));
        Assert.True(registered.Max() <= now);
        Assert.True(completed.Max() <= now);
        Assert.False(await db.Registrations.IgnoreQueryFilters().AnyAsync(r => r.StartedAt != null && r.StartedAt < r.RegisteredAt));
        Assert.False(await db.Registrations.IgnoreQueryFilters().AnyAsync(r => r.CompletedAt != null && r.CompletedAt < r.StartedAt));
    }

    [Fact]
    public async Task StatusesAreConsistentWithTimestampsScoresAndResponses()
    {
        await using var db = Unfiltered();
        var registrations = db.Registrations.IgnoreQueryFilters();

        Assert.False(await registrations.AnyAsync(r => r.Status == RegistrationStatus.ToBeTaken && r.StartedAt != null));
        Assert.False(await registrations.AnyAsync(r => r.Status == RegistrationStatus.Cancelled && r.StartedAt != null));
        Assert.False(await registrations.AnyAsync(r => r.Status == RegistrationStatus.InProgress && (r.StartedAt == null || r.CompletedAt != null)));
        Assert.False(await registrations.AnyAsync(r => r.Status == RegistrationStatus.Completed && (r.CompletedAt == null || r.Score == null)));
        Assert.False(await registrations.AnyAsync(r => r.Status == RegistrationStatus.PendingGrading && r.Score != null));
        Assert.False(await registrations.AnyAsync(r => r.Status == RegistrationStatus.Completed && !r.Responses.Any()));
        Assert.False(await registrations.AnyAsync(r => r.StartedAt == null && r.Responses.Any()));
        // Pending grading: at least one manually graded answer without points; some assigned to a grader.
        Assert.False(await registrations.AnyAsync(r => r.Status == RegistrationStatus.PendingGrading && !r.Responses.Any(x => x.Points == null)));
        Assert.True(await registrations.AnyAsync(r => r.Status == RegistrationStatus.PendingGrading && r.GraderId != null));
        Assert.True(await registrations.AnyAsync(r => r.Status == RegistrationStatus.PendingGrading && r.GraderId == null));
        Assert.False(await registrations.AnyAsync(r => r.Status == RegistrationStatus.Completed && r.Responses.Any(x => x.Points == null)));
    }

    [Fact]
    public async Task ScoresAreTheScoreCalculatorsOnTheResponses()
    {
        await using var db = Unfiltered();
        var sample = await db.Registrations.IgnoreQueryFilters()
            .Where(r => r.Status == RegistrationStatus.Completed)
            .Include(r => r.Responses).Include(r => r.Subject!).ThenInclude(s => s.Questions)
            .Include(r => r.Subject!).ThenInclude(s => s.Skills)
            .OrderBy(r => r.Id).Take(40).AsSplitQuery().ToListAsync();

        Assert.NotEmpty(sample);
        foreach (var registration in sample)
        {
            var expected = Dashboard.Core.Scoring.ScoreCalculator.Compute(registration.Subject!, registration.Responses);
            Assert.Equal(expected.Score, registration.Score);
            Assert.Equal(expected.Level, registration.Level);
        }
    }

    [Fact]
    public async Task CatalogueHasAdaptivePercentageAndManuallyGradedSubjects()
    {
        await using var db = Unfiltered();
        var subjects = await db.Subjects.Include(s => s.Questions).Include(s => s.Skills).ToListAsync();

        Assert.Contains(subjects, s => s.IsAdaptive && s.Questions.Select(q => q.Difficulty).Distinct().Count() > 20);
        Assert.Contains(subjects, s => s.Scale == ScoreScale.Percentage);
        Assert.Contains(subjects, s => s.Scale == ScoreScale.Points1000);
        Assert.Contains(subjects, s => s.Questions.Any(q => q.Kind == QuestionKind.Essay));
        Assert.Contains(subjects, s => s.Questions.Any(q => q.Kind == QuestionKind.Code));
        Assert.All(subjects, s => Assert.True(s.Skills.Count >= 3 && s.Questions.Count >= s.QuestionsPerTest));
    }

    [Fact]
    public async Task ProctoredSittingsHaveIncidentRowsMatchingTheirCount()
    {
        await using var db = Unfiltered();
        var registrations = db.Registrations.IgnoreQueryFilters();

        Assert.True(await registrations.CountAsync(r => r.ProctoringProfile != ProctoringProfile.None && r.IncidentCount > 0) > 10);
        Assert.False(await registrations.AnyAsync(r => r.IncidentCount != r.Incidents.Count));
        Assert.False(await registrations.AnyAsync(r => r.ProctoringProfile == ProctoringProfile.None && r.IncidentCount > 0));
        foreach (var status in new[] { ProctoringStatus.PendingReview, ProctoringStatus.Validated, ProctoringStatus.Invalid })
        {
            Assert.True(await registrations.AnyAsync(r => r.ProctoringStatus == status), $"no {status}");
        }
    }

    [Fact]
    public async Task ValidatedCertificationsHaveUniqueNumbersAndCodes()
    {
        await using var db = Unfiltered();
        var certificates = await db.Registrations.IgnoreQueryFilters().Where(r => r.CertificateValidated)
            .Select(r => new { r.CertificateNumber, r.CertificateVerificationCode, r.TestType, r.Status, r.ProctoringStatus }).ToListAsync();

        Assert.True(certificates.Count > 20);
        Assert.All(certificates, c => Assert.Equal((TestType.Certification, RegistrationStatus.Completed), (c.TestType, c.Status)));
        Assert.DoesNotContain(certificates, c => c.ProctoringStatus == ProctoringStatus.Invalid);
        Assert.Equal(certificates.Count, certificates.Select(c => c.CertificateNumber).Distinct().Count());
        Assert.Equal(certificates.Count, certificates.Select(c => c.CertificateVerificationCode).Distinct().Count());
        Assert.DoesNotContain(certificates, c => string.IsNullOrEmpty(c.CertificateNumber) || string.IsNullOrEmpty(c.CertificateVerificationCode));
    }

    [Fact]
    public async Task CreditPacksIncludeExpiredOnesAndRegistrationsUseThem()
    {
        await using var db = Unfiltered();
        var today = DateOnly.FromDateTime(_database.Time.GetUtcNow().UtcDateTime);
        var packs = await db.CreditPacks.IgnoreQueryFilters().ToListAsync();

        Assert.Contains(packs, p => p.ExpiresOn < today);
        Assert.Contains(packs, p => p.ExpiresOn > today);
        Assert.True(await db.Registrations.IgnoreQueryFilters().AnyAsync(r => r.CreditPackId != null));
        Assert.False(await db.Registrations.IgnoreQueryFilters().AnyAsync(r => r.TestType == TestType.Free && r.CreditPackId != null));
        foreach (var pack in packs)
        {
            var used = await db.Registrations.IgnoreQueryFilters().CountAsync(r => r.CreditPackId == pack.Id && r.Status != RegistrationStatus.Cancelled);
            Assert.Equal(pack.InitialQuantity - pack.RemainingQuantity, used);
        }
    }

    [Theory]
    [InlineData("owner@acme.test", Privileges.Owner)]
    [InlineData("grader@acme.test", Privileges.Grader)]
    [InlineData("grader2@acme.test", Privileges.Grader)]
    [InlineData("viewer@acme.test", Privileges.Viewer)]
    [InlineData("owner@globex.test", Privileges.Owner)]
    [InlineData("grader@globex.test", Privileges.Grader)]
    [InlineData("viewer@globex.test", Privileges.Viewer)]
    public async Task AdministratorsCanSignInWithTheDemoPassword(string email, Privileges privileges)
    {
        await using var db = Unfiltered();
        var normalized = email.ToUpperInvariant();
        var admin = await db.Users.SingleAsync(u => u.NormalizedEmail == normalized);

        Assert.Equal(privileges, admin.Privileges);
        Assert.Equal(email, admin.UserName);
        Assert.Equal(email.ToUpperInvariant(), admin.NormalizedUserName);
        Assert.True(admin.EmailConfirmed);
        Assert.False(string.IsNullOrEmpty(admin.SecurityStamp));
        var hasher = new PasswordHasher<Administrator>();
        Assert.NotEqual(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(admin, admin.PasswordHash!, "Demo-2026!"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(admin, admin.PasswordHash!, "wrong"));
        var account = await db.Accounts.SingleAsync(a => a.Id == admin.AccountId);
        Assert.Equal(email.EndsWith("acme.test", StringComparison.Ordinal) ? "Acme Learning" : "Globex Formation", account.Name);
    }

    [Fact]
    public async Task NamesIncludeAccentsHyphensAndApostrophes()
    {
        await using var db = Unfiltered();
        var names = await db.Candidates.IgnoreQueryFilters().Select(c => c.FirstName + " " + c.LastName).ToListAsync();

        Assert.Contains(names, n => n.Any(ch => ch > 127));
        Assert.Contains(names, n => n.Contains('-', StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains('\'', StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchIndexCoversTheSeededRegistrations()
    {
        await using var db = Unfiltered();
        var acme = await db.Accounts.SingleAsync(a => a.Name == "Acme Learning");
        var candidate = await db.Candidates.IgnoreQueryFilters().Where(c => c.AccountId == acme.Id && db.Registrations.IgnoreQueryFilters().Any(r => r.CandidateId == c.Id))
            .OrderBy(c => c.Id).FirstAsync();
        await using var scope = _database.CreateScope(acme.Id);
        var query = scope.ServiceProvider.GetRequiredService<IResultsQuery>();

        var page = await query.GetPageAsync(new ResultsPageRequest(new ResultsFilter { Search = candidate.Email, IncludeArchivedGroups = true }, PageSize: 100));

        Assert.NotEmpty(page.Rows);
        Assert.All(page.Rows, r => Assert.Equal(candidate.Email, r.Email));
    }

    [Fact]
    public async Task ABroadSearchPagesThroughTheIndexLikeANarrowOne()
    {
        await using var db = Unfiltered();
        var acme = await db.Accounts.SingleAsync(a => a.Name == "Acme Learning");
        var expected = await db.Registrations.IgnoreQueryFilters().CountAsync(r => r.AccountId == acme.Id);
        await using var scope = _database.CreateScope(acme.Id);
        var query = scope.ServiceProvider.GetRequiredService<IResultsQuery>();
        var filter = new ResultsFilter { Search = "ACME.test", IncludeArchivedGroups = true };

        var first = await query.GetPageAsync(new ResultsPageRequest(filter, ResultsSortKeys.Name, false, 0, 50));
        var last = await query.GetPageAsync(new ResultsPageRequest(filter, ResultsSortKeys.Name, false, (expected - 1) / 50, 50));

        Assert.True(expected > 2000, "the search must be broader than the narrow-result path");
        Assert.Equal(expected, first.TotalCount);
        Assert.Equal(50, first.Rows.Count);
        Assert.Equal(expected - (((expected - 1) / 50) * 50), last.Rows.Count);
        Assert.All(first.Rows.Concat(last.Rows), r => Assert.EndsWith("@acme.test", r.Email, StringComparison.Ordinal));
        var names = first.Rows.Concat(last.Rows).Select(r => TextFold.SortName(r.LastName, r.FirstName)).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task SeededRegistrationsCanBeUpdatedThroughEf()
    {
        await using var db = Unfiltered();
        var registration = await db.Registrations.IgnoreQueryFilters().OrderBy(r => r.Id).FirstAsync();
        registration.AdminComment = "updated";

        await db.SaveChangesAsync();

        await using var check = Unfiltered();
        Assert.Equal("updated", (await check.Registrations.IgnoreQueryFilters().SingleAsync(r => r.Id == registration.Id)).AdminComment);
    }
}

public sealed class DemoWorldDeterminismTests
{
    [Fact]
    public async Task SameSeedAndClockGiveTheSameWorld()
    {
        var first = await FingerprintAsync(seed: 7);
        var second = await FingerprintAsync(seed: 7);
        var other = await FingerprintAsync(seed: 8);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    private static async Task<string> FingerprintAsync(int seed)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateDbContext(null))
        {
            await DemoWorld.SeedAsync(db, new DemoWorldOptions(seed, 400), database.Time);
        }

        await using var read = database.CreateDbContext(null);
        var rows = await read.Registrations.IgnoreQueryFilters().OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.Candidate!.FirstName, r.Candidate.LastName, r.Candidate.Email, r.SubjectId, r.Status, r.TestType,
                r.RegisteredAt, r.StartedAt, r.CompletedAt, r.Score, r.ProctoringStatus, r.IncidentCount, r.CertificateVerificationCode, r.Version,
                Responses = r.Responses.Count, Points = r.Responses.Sum(x => x.Points),
            })
            .ToListAsync();
        return string.Join('\n', rows.Select(r => r.ToString()));
    }
}
