using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Results;

/// <summary>A search matching more rows than <see cref="ResultsPage.CountCap"/>: capped counts, exact on demand, complete pages.</summary>
public sealed class ResultsCountCapTests : IClassFixture<ResultsCountCapTests.Fixture>
{
    private const int Matches = ResultsPage.CountCap + 37;
    private readonly Fixture _fixture;

    public ResultsCountCapTests(Fixture fixture) => _fixture = fixture;

    public sealed class Fixture : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new();
        public Account Account { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Database.InitializeAsync();
            var world = new WorldBuilder(Database);
            var subject = await world.SubjectAsync("Word");
            Account = await world.AccountAsync();
            var group = await world.GroupAsync(Account);
            var martins = new[] { await world.CandidateAsync(group, "Anne", "Martin"), await world.CandidateAsync(group, "Zoé", "Martinez") };
            var other = await world.CandidateAsync(group, "Émile", "Abadie");
            await using var db = Database.CreateDbContext(Account.Id);
            var now = Database.Time.GetUtcNow();
            db.Registrations.AddRange(Enumerable.Range(0, Matches + 20).Select(i =>
            {
                var candidate = i < Matches ? martins[i % 2] : other;
                return new Registration
                {
                    AccountId = Account.Id, CandidateId = candidate.Id, GroupId = group.Id, SubjectId = subject.Id,
                    Status = RegistrationStatus.ToBeTaken, RegisteredAt = now.AddMinutes(-i),
                    SortName = TextFold.SortName(candidate.LastName, candidate.FirstName),
                };
            }));
            await db.SaveChangesAsync();
        }

        public async Task DisposeAsync() => await Database.DisposeAsync();
    }

    private static readonly ResultsFilter Martin = new() { Search = "martin" };

    [Fact]
    public async Task ACommonSearchIsCountedUpToTheCapAndExactlyOnDemand()
    {
        var expected = await MatchingIdsAsync();

        var capped = await PageAsync(new ResultsPageRequest(Martin));
        var exact = await PageAsync(new ResultsPageRequest(Martin) { ExactCount = true });

        Assert.True(capped.TotalIsLowerBound);
        Assert.Equal(ResultsPage.CountCap, capped.TotalCount);
        Assert.False(exact.TotalIsLowerBound);
        Assert.Equal(expected.Count, exact.TotalCount);
        Assert.Equal(Matches, exact.TotalCount);
        Assert.Equal(capped.Rows.Select(r => r.Id), exact.Rows.Select(r => r.Id));
        await using var scope = _fixture.Database.CreateScope(_fixture.Account.Id);
        Assert.Equal(expected.Count, await scope.ServiceProvider.GetRequiredService<IResultsQuery>().CountAsync(Martin));
    }

    [Fact]
    public async Task ACountTheTalliesHoldIsExactBeyondTheCap()
    {
        var page = await PageAsync(new ResultsPageRequest(ResultsFilter.Default));

        Assert.False(page.TotalIsLowerBound);
        Assert.Equal(Matches + 20, page.TotalCount);
    }

    [Fact]
    public async Task PagesOfACappedSearchReachEveryMatchInOrder()
    {
        var expected = await MatchingIdsAsync();
        var ids = new List<int>();
        ResultsPage? page = null;
        for (var index = 0; ; index++)
        {
            page = await PageAsync(new ResultsPageRequest(Martin, Page: index, PageSize: ResultsQuery.MaxPageSize) { From = page?.Bounds });
            ids.AddRange(page.Rows.Select(r => r.Id));
            // While more rows follow, the total announced lets the pager offer the next page.
            Assert.True(page.TotalCount >= ids.Count + (ids.Count < expected.Count ? 1 : 0));
            if (page.Rows.Count < ResultsQuery.MaxPageSize)
            {
                break;
            }
        }

        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task AJumpPastTheCapGivesThePageOffsetGivesAndTheExactTotal()
    {
        var expected = await MatchingIdsAsync();

        var page = await PageAsync(new ResultsPageRequest(Martin, Page: ResultsPage.CountCap / 25, PageSize: 25));

        Assert.Equal(expected.Skip(ResultsPage.CountCap).Take(25), page.Rows.Select(r => r.Id));
        Assert.Equal(expected.Count, page.TotalCount);
        Assert.False(page.TotalIsLowerBound);
    }

    private async Task<ResultsPage> PageAsync(ResultsPageRequest request)
    {
        await using var scope = _fixture.Database.CreateScope(_fixture.Account.Id);
        return await scope.ServiceProvider.GetRequiredService<IResultsQuery>().GetPageAsync(request);
    }

    /// <summary>COUNT(*) and the order of the matches, newest first, read without the search index.</summary>
    private async Task<List<int>> MatchingIdsAsync()
    {
        await using var db = _fixture.Database.CreateDbContext(_fixture.Account.Id);
        return await db.Registrations.Where(r => r.Candidate!.LastName.StartsWith("Martin")).OrderByDescending(r => r.Id).Select(r => r.Id).ToListAsync();
    }
}
