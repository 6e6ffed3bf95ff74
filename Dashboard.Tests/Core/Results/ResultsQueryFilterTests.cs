// Over 250 lines: one case per filter criterion on one shared world, each compared with a plain reading of the criterion.
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Results;

public sealed class ResultsQueryFilterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<ResultsPage> QueryAsync(int accountId, ResultsFilter filter, string? sort = null, bool descending = true, int page = 0, int pageSize = 100)
    {
        await using var scope = database.CreateScope(accountId);
        return await scope.ServiceProvider.GetRequiredService<IResultsQuery>()
            .GetPageAsync(new ResultsPageRequest(filter, sort, descending, page, pageSize));
    }

    private async Task<List<int>> IdsAsync(int accountId, ResultsFilter filter) =>
        (await QueryAsync(accountId, filter)).Rows.Select(r => r.Id).Order().ToList();

    [Fact]
    public async Task DefaultFilterReturnsEveryRegistrationOfTheAccountNewestFirst()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var first = await world.RegistrationAsync(candidate, subject);
        var second = await world.RegistrationAsync(candidate, subject, RegistrationStatus.ToBeTaken);
        var other = await world.AccountAsync("Other");
        await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(other)), subject);

        var page = await QueryAsync(account.Id, ResultsFilter.Default);

        Assert.Equal(2, page.TotalCount);
        Assert.Equal([second.Id, first.Id], page.Rows.Select(r => r.Id));
    }

    [Fact]
    public void ResetGivesTheDefaultFilterWhichHidesArchivedGroupsAndFiltersNothing()
    {
        var busy = new ResultsFilter
        {
            Search = "benoit", Status = RegistrationStatus.Completed, TestType = TestType.Certification,
            GroupId = 3, SessionId = 4, IncludeArchivedGroups = true,
        };

        Assert.NotEqual(ResultsFilter.Default, busy);
        Assert.Equal(ResultsFilter.Default, new ResultsFilter());
        Assert.Equal(busy, busy with { });
        Assert.False(ResultsFilter.Default.IncludeArchivedGroups);
        Assert.Null(ResultsFilter.Default.Search);
        Assert.Null(ResultsFilter.Default.Status);
        Assert.Null(ResultsFilter.Default.GroupId);
    }

    [Fact]
    public async Task RowCarriesTheGridColumns()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync("Python");
        var account = await world.AccountAsync();
        var session = await world.SessionAsync(account, "Spring session");
        var candidate = await world.CandidateAsync(await world.GroupAsync(account, "Finance"), "Zoé", "D'Angelo", "zoe@example.test");
        var registration = await world.RegistrationAsync(candidate, subject, RegistrationStatus.Completed, TestType.Certification, 812, session: session,
            configure: r =>
            {
                r.ProctoringProfile = ProctoringProfile.Video;
                r.ProctoringStatus = ProctoringStatus.PendingReview;
                r.IncidentCount = 2;
                r.CertificateValidated = true;
                r.AdminComment = "checked";
            });

        var row = Assert.Single((await QueryAsync(account.Id, ResultsFilter.Default)).Rows);

        Assert.Equal(registration.Id, row.Id);
        Assert.Equal("Finance", row.GroupName);
        Assert.Equal(("D'Angelo", "Zoé", "zoe@example.test"), (row.LastName, row.FirstName, row.Email));
        Assert.Equal(("Python", TestType.Certification, ScoreScale.Points1000), (row.SubjectName, row.TestType, row.Scale));
        Assert.Equal((812d, ScoreLevel.Advanced), (row.Score!.Value, row.Level!.Value));
        Assert.Equal(("Spring session", ProctoringProfile.Video, ProctoringStatus.PendingReview, 2), (row.SessionName, row.ProctoringProfile, row.ProctoringStatus, row.IncidentCount));
        Assert.True(row.CertificateValidated);
        Assert.Equal("checked", row.AdminComment);
        Assert.NotNull(row.CompletedAt);
    }

    [Fact]
    public async Task StatusFilterKeepsOnlyThatStatus()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var regs = new Dictionary<RegistrationStatus, int>();
        foreach (var status in Enum.GetValues<RegistrationStatus>())
        {
            regs[status] = (await world.RegistrationAsync(candidate, subject, status)).Id;
        }

        foreach (var status in Enum.GetValues<RegistrationStatus>())
        {
            Assert.Equal([regs[status]], await IdsAsync(account.Id, new ResultsFilter { Status = status }));
        }
    }

    [Fact]
    public async Task TestTypeFilterKeepsOnlyThatType()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var regs = new Dictionary<TestType, int>();
        foreach (var type in Enum.GetValues<TestType>())
        {
            regs[type] = (await world.RegistrationAsync(candidate, subject, type: type)).Id;
        }

        foreach (var type in Enum.GetValues<TestType>())
        {
            Assert.Equal([regs[type]], await IdsAsync(account.Id, new ResultsFilter { TestType = type }));
        }
    }

    [Fact]
    public async Task SessionFilterKeepsOnlyThatSessionsRegistrations()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var november = await world.SessionAsync(account, "November");
        var december = await world.SessionAsync(account, "December");
        var inNovember = await world.RegistrationAsync(candidate, subject, session: november);
        await world.RegistrationAsync(candidate, subject, session: december);
        await world.RegistrationAsync(candidate, subject);

        Assert.Equal([inNovember.Id], await IdsAsync(account.Id, new ResultsFilter { SessionId = november.Id }));
    }

    [Fact]
    public async Task SubjectFilterKeepsOnlyThatSubject()
    {
        var world = new WorldBuilder(database);
        var excel = await world.SubjectAsync("Excel");
        var word = await world.SubjectAsync("Word");
        var account = await world.AccountAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var inExcel = await world.RegistrationAsync(candidate, excel);
        await world.RegistrationAsync(candidate, word);

        Assert.Equal([inExcel.Id], await IdsAsync(account.Id, new ResultsFilter { SubjectId = excel.Id }));
    }

    [Fact]
    public async Task GroupFilterIncludesSubGroupsAtAnyDepth()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var sales = await world.GroupAsync(account, "Sales");
        var north = await world.GroupAsync(account, "Sales North", sales);
        var lille = await world.GroupAsync(account, "Lille", north);
        var finance = await world.GroupAsync(account, "Finance");
        var inSales = await world.RegistrationAsync(await world.CandidateAsync(sales), subject);
        var inNorth = await world.RegistrationAsync(await world.CandidateAsync(north), subject);
        var inLille = await world.RegistrationAsync(await world.CandidateAsync(lille), subject);
        await world.RegistrationAsync(await world.CandidateAsync(finance), subject);

        Assert.Equal([inSales.Id, inNorth.Id, inLille.Id], await IdsAsync(account.Id, new ResultsFilter { GroupId = sales.Id }));
        Assert.Equal([inNorth.Id, inLille.Id], await IdsAsync(account.Id, new ResultsFilter { GroupId = north.Id }));
        Assert.Equal([inLille.Id], await IdsAsync(account.Id, new ResultsFilter { GroupId = lille.Id }));
    }

    [Fact]
    public async Task AnotherAccountsGroupGivesNoRows()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var other = await world.AccountAsync("Other");
        var theirs = await world.GroupAsync(other);
        await world.RegistrationAsync(await world.CandidateAsync(theirs), subject);

        var page = await QueryAsync(account.Id, new ResultsFilter { GroupId = theirs.Id });

        Assert.Equal(0, page.TotalCount);
        Assert.Empty(page.Rows);
    }

    [Fact]
    public async Task ArchivedGroupsAndTheirSubGroupsAreHiddenUnlessIncluded()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var active = await world.GroupAsync(account, "Active");
        var archived = await world.GroupAsync(account, "2024 intake", archived: true);
        var underArchived = await world.GroupAsync(account, "2024 intake A", archived);
        var archivedUnderActive = await world.GroupAsync(account, "Old team", active, archived: true);
        var visible = await world.RegistrationAsync(await world.CandidateAsync(active), subject);
        var hidden1 = await world.RegistrationAsync(await world.CandidateAsync(archived), subject);
        var hidden2 = await world.RegistrationAsync(await world.CandidateAsync(underArchived), subject);
        var hidden3 = await world.RegistrationAsync(await world.CandidateAsync(archivedUnderActive), subject);

        Assert.Equal([visible.Id], await IdsAsync(account.Id, ResultsFilter.Default));
        Assert.Equal([visible.Id, hidden1.Id, hidden2.Id, hidden3.Id], await IdsAsync(account.Id, new ResultsFilter { IncludeArchivedGroups = true }));
        Assert.Equal([visible.Id], await IdsAsync(account.Id, new ResultsFilter { GroupId = active.Id }));
        Assert.Equal([visible.Id, hidden3.Id], await IdsAsync(account.Id, new ResultsFilter { GroupId = active.Id, IncludeArchivedGroups = true }));
        Assert.Empty(await IdsAsync(account.Id, new ResultsFilter { GroupId = archived.Id }));
        Assert.Equal([hidden1.Id, hidden2.Id], await IdsAsync(account.Id, new ResultsFilter { GroupId = archived.Id, IncludeArchivedGroups = true }));
    }

    [Fact]
    public async Task ActivityPeriodKeepsSittingsStartedOrCompletedInIt()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var now = database.Time.GetUtcNow();
        var from = now.AddHours(-5);
        var to = now.AddHours(5);
        var completedIn = await world.RegistrationAsync(candidate, subject, completedAt: now.AddHours(-1));
        var startedIn = await world.RegistrationAsync(candidate, subject, RegistrationStatus.InProgress, configure: r => r.StartedAt = now.AddHours(-2));
        var startedBeforeCompletedIn = await world.RegistrationAsync(candidate, subject, configure: r =>
        {
            r.StartedAt = from.AddMinutes(-10);
            r.CompletedAt = from.AddMinutes(10);
        });
        await world.RegistrationAsync(candidate, subject, completedAt: now.AddDays(-2));
        await world.RegistrationAsync(candidate, subject, RegistrationStatus.InProgress, configure: r => r.StartedAt = to);
        await world.RegistrationAsync(candidate, subject, RegistrationStatus.ToBeTaken);

        Assert.Equal([completedIn.Id, startedIn.Id, startedBeforeCompletedIn.Id],
            await IdsAsync(account.Id, new ResultsFilter { ActivityFrom = from, ActivityTo = to }));
    }

    [Fact]
    public async Task CompletedPeriodIsHalfOpen()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        var from = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var atStart = await world.RegistrationAsync(candidate, subject, completedAt: from);
        var inside = await world.RegistrationAsync(candidate, subject, completedAt: from.AddDays(15));
        await world.RegistrationAsync(candidate, subject, completedAt: to);
        await world.RegistrationAsync(candidate, subject, completedAt: from.AddSeconds(-1));
        await world.RegistrationAsync(candidate, subject, RegistrationStatus.ToBeTaken);

        Assert.Equal([atStart.Id, inside.Id], await IdsAsync(account.Id, new ResultsFilter { CompletedFrom = from, CompletedTo = to }));
    }

    [Fact]
    public async Task CriteriaCombineWithAnd()
    {
        var world = new WorldBuilder(database);
        var excel = await world.SubjectAsync("Excel");
        var word = await world.SubjectAsync("Word");
        var account = await world.AccountAsync();
        var sales = await world.GroupAsync(account, "Sales");
        var north = await world.GroupAsync(account, "North", sales);
        var finance = await world.GroupAsync(account, "Finance");
        var session = await world.SessionAsync(account);
        var benoit = await world.CandidateAsync(north, "Benoît", "Lefèvre");
        var anne = await world.CandidateAsync(north, "Anne", "Martin");
        var match = await world.RegistrationAsync(benoit, excel, RegistrationStatus.Completed, TestType.Certification, session: session);
        await world.RegistrationAsync(benoit, excel, RegistrationStatus.PendingGrading, TestType.Certification, session: session);
        await world.RegistrationAsync(benoit, excel, RegistrationStatus.Completed, TestType.Evaluation, session: session);
        await world.RegistrationAsync(benoit, word, RegistrationStatus.Completed, TestType.Certification, session: session);
        await world.RegistrationAsync(benoit, excel, RegistrationStatus.Completed, TestType.Certification);
        await world.RegistrationAsync(anne, excel, RegistrationStatus.Completed, TestType.Certification, session: session);
        await world.RegistrationAsync(await world.CandidateAsync(finance, "Benoît", "Lefèvre"), excel, RegistrationStatus.Completed, TestType.Certification, session: session);

        var filter = new ResultsFilter
        {
            Search = "lefevre", Status = RegistrationStatus.Completed, TestType = TestType.Certification,
            GroupId = sales.Id, SessionId = session.Id, SubjectId = excel.Id,
        };

        Assert.Equal([match.Id], await IdsAsync(account.Id, filter));
    }

    [Fact]
    public async Task CountMatchesThePagesTotal()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        for (var i = 0; i < 7; i++)
        {
            await world.RegistrationAsync(candidate, subject, i % 2 == 0 ? RegistrationStatus.Completed : RegistrationStatus.ToBeTaken);
        }

        var filter = new ResultsFilter { Status = RegistrationStatus.Completed };
        await using var scope = database.CreateScope(account.Id);
        var query = scope.ServiceProvider.GetRequiredService<IResultsQuery>();

        Assert.Equal(4, await query.CountAsync(filter));
        Assert.Equal(4, (await query.GetPageAsync(new ResultsPageRequest(filter, PageSize: 2))).TotalCount);
    }

    [Fact]
    public async Task TotalsFollowStatusChangesMovesAndDeletions()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var sales = await world.GroupAsync(account, "Sales");
        var finance = await world.GroupAsync(account, "Finance");
        var candidate = await world.CandidateAsync(sales);
        var moving = await world.RegistrationAsync(candidate, subject, RegistrationStatus.InProgress);
        var deleted = await world.RegistrationAsync(candidate, subject, RegistrationStatus.InProgress);
        await world.RegistrationAsync(candidate, subject, RegistrationStatus.InProgress);

        await using (var db = database.CreateDbContext(account.Id))
        {
            var registration = await db.Registrations.FindAsync(moving.Id);
            registration!.Status = RegistrationStatus.Completed;
            registration.GroupId = finance.Id;
            db.Registrations.Remove((await db.Registrations.FindAsync(deleted.Id))!);
            await db.SaveChangesAsync();
        }

        await using var scope = database.CreateScope(account.Id);
        var query = scope.ServiceProvider.GetRequiredService<IResultsQuery>();
        Assert.Equal(2, await query.CountAsync(ResultsFilter.Default));
        Assert.Equal(1, await query.CountAsync(new ResultsFilter { Status = RegistrationStatus.InProgress }));
        Assert.Equal(1, await query.CountAsync(new ResultsFilter { Status = RegistrationStatus.Completed, GroupId = finance.Id }));
        Assert.Equal(0, await query.CountAsync(new ResultsFilter { Status = RegistrationStatus.Completed, GroupId = sales.Id }));
        Assert.Equal(1, await query.CountAsync(new ResultsFilter { Status = RegistrationStatus.Completed, SubjectId = subject.Id, TestType = TestType.Evaluation }));
    }

    [Fact]
    public async Task StreamReturnsEveryRowInSortOrder()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var group = await world.GroupAsync(account);
        var ids = new List<int>();
        foreach (var last in new[] { "Zola", "Ødegård", "Martin", "Émile", "Abadie" })
        {
            ids.Add((await world.RegistrationAsync(await world.CandidateAsync(group, "X", last), subject)).Id);
        }

        await using var scope = database.CreateScope(account.Id);
        var rows = new List<ResultRow>();
        await foreach (var row in scope.ServiceProvider.GetRequiredService<IResultsQuery>().StreamAsync(ResultsFilter.Default, ResultsSortKeys.Name))
        {
            rows.Add(row);
        }

        Assert.Equal(["Abadie", "Émile", "Martin", "Zola", "Ødegård"], rows.Select(r => r.LastName));
    }

    [Fact]
    public async Task WithoutTheViewPrivilegeTheQueryIsRefused()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        await using var scope = database.CreateScope(account.Id, administratorId: 1, Privileges.Grade);
        var query = scope.ServiceProvider.GetRequiredService<IResultsQuery>();

        await Assert.ThrowsAsync<PrivilegeException>(() => query.GetPageAsync(new ResultsPageRequest(ResultsFilter.Default)));
        await Assert.ThrowsAsync<PrivilegeException>(() => query.CountAsync(ResultsFilter.Default));
    }

    [Fact]
    public async Task TodaysPresetKeepsOnlyTodaysSittingsInTheAccountsZone()
    {
        var world = new WorldBuilder(database);
        var subject = await world.SubjectAsync();
        var account = await world.AccountAsync();
        var candidate = await world.CandidateAsync(await world.GroupAsync(account));
        // 23:30 UTC yesterday is 00:30 today in Paris.
        var earlyToday = await world.RegistrationAsync(candidate, subject, completedAt: new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.Zero));
        await world.RegistrationAsync(candidate, subject, completedAt: new DateTimeOffset(2026, 11, 26, 22, 30, 0, TimeSpan.Zero),
            configure: r => r.StartedAt = new DateTimeOffset(2026, 11, 26, 22, 0, 0, TimeSpan.Zero));

        var filter = Today.Apply(ResultsFilter.Default, AccountCalendar.For("Europe/Paris"), database.Time);

        Assert.Equal([earlyToday.Id], await IdsAsync(account.Id, filter));
    }
}
