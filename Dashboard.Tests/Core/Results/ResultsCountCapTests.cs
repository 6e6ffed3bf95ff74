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
    private const int Archived = (Matches + 20 + 4) / 5;
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
            // Another account's Martins take every third Id among ours: a search read range by range must skip them.
            var elsewhere = await world.AccountAsync("Elsewhere");
            var stranger = await world.CandidateAsync(await world.GroupAsync(elsewhere), "Marc", "Martin");
            // Martins of an archived group take every fifth Id too: hidden unless archived groups are asked for.
            var archived = await world.CandidateAsync(await world.GroupAsync(Account, "Old", archived: true), "Léa", "Martin");
            var now = Database.Time.GetUtcNow();
            Registration Sitting(Candidate candidate, int i) => new()
            {
                AccountId = candidate.AccountId, CandidateId = candidate.Id, GroupId = candidate.GroupId, SubjectId = subject.Id,
                Status = RegistrationStatus.ToBeTaken, RegisteredAt = now.AddMinutes(-i),
                SortName = TextFold.SortName(candidate.LastName, candidate.FirstName),
            };
            await using var db = Database.CreateDbContext(null);
            db.Registrations.AddRange(Enumerable.Range(0, Matches + 20).SelectMany(i => (i % 2 == 0
                ? new[] { Sitting(i < Matches ? martins[i % 2] : other, i), Sitting(stranger, i) }
                : [Sitting(i < Matches ? martins[i % 2] : other, i)]).Concat(i % 5 == 0 ? [Sitting(archived, i)] : [])));
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

    /// <summary>"martin" is read from the trigram index range by range; "ma" (two letters) from the folded-name index.</summary>
    [Theory]
    [InlineData("martin", true)]
    [InlineData("martin", false)]
    [InlineData("ma", true)]
    [InlineData("ma", false)]
    public async Task PagesOfACappedSearchReachEveryMatchInOrder(string text, bool descending)
    {
        var expected = await MatchingIdsAsync();
        if (!descending)
        {
            expected.Reverse();
        }

        var filter = new ResultsFilter { Search = text };
        var ids = new List<int>();
        ResultsPage? page = null;
        for (var index = 0; ; index++)
        {
            page = await PageAsync(new ResultsPageRequest(filter, Descending: descending, Page: index, PageSize: ResultsQuery.MaxPageSize) { From = page?.Bounds });
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

    [Theory]
    [InlineData("martin")]
    [InlineData("ma")]
    public async Task CappedAndExactCountsAgreeWithCountingEveryRow(string text)
    {
        var expected = await MatchingIdsAsync();
        var filter = new ResultsFilter { Search = text };

        var capped = await PageAsync(new ResultsPageRequest(filter));
        var exact = await PageAsync(new ResultsPageRequest(filter) { ExactCount = true });
        var ascending = await PageAsync(new ResultsPageRequest(filter, Descending: false) { ExactCount = true });

        Assert.True(capped.TotalIsLowerBound);
        Assert.Equal(ResultsPage.CountCap, capped.TotalCount);
        Assert.Equal(expected.Take(25), capped.Rows.Select(r => r.Id));
        Assert.False(exact.TotalIsLowerBound);
        Assert.Equal(expected.Count, exact.TotalCount);
        Assert.Equal(expected.Count, ascending.TotalCount);
        Assert.Equal(expected.AsEnumerable().Reverse().Take(25), ascending.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task ARareTermIsCountedExactlyWithoutTheOtherAccountsRows()
    {
        var page = await PageAsync(new ResultsPageRequest(new ResultsFilter { Search = "abadie" }, PageSize: 100));
        var none = await PageAsync(new ResultsPageRequest(new ResultsFilter { Search = "marc" }));

        Assert.False(page.TotalIsLowerBound);
        Assert.Equal(20, page.TotalCount);
        Assert.Equal(20, page.Rows.Count);
        Assert.All(page.Rows, r => Assert.Equal("Abadie", r.LastName));
        Assert.Equal(0, none.TotalCount);
        Assert.Empty(none.Rows);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ASearchFindsTheArchivedGroupsMatchesOnlyWhenAskedTo(bool descending)
    {
        var visible = await MatchingIdsAsync();
        var all = await MatchingIdsAsync(includeArchived: true);
        var withArchived = Martin with { IncludeArchivedGroups = true };

        var page = await PageAsync(new ResultsPageRequest(withArchived, Descending: descending, PageSize: 100) { ExactCount = true });
        var hidden = await PageAsync(new ResultsPageRequest(Martin, Descending: descending, PageSize: 100) { ExactCount = true });

        Assert.Equal(Matches + Archived, all.Count);
        Assert.Equal(all.Count, page.TotalCount);
        Assert.Equal(descending ? all.Take(100) : all.AsEnumerable().Reverse().Take(100), page.Rows.Select(r => r.Id));
        Assert.Equal(visible.Count, hidden.TotalCount);
        Assert.Equal(descending ? visible.Take(100) : visible.AsEnumerable().Reverse().Take(100), hidden.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task AnExactCountPagesEveryMatchBeyondTheCap()
    {
        var expected = await MatchingIdsAsync();

        var page = await PageAsync(new ResultsPageRequest(Martin, Page: ResultsPage.CountCap / 25, PageSize: 25) { ExactCount = true });

        Assert.Equal(expected.Skip(ResultsPage.CountCap).Take(25), page.Rows.Select(r => r.Id));
        Assert.Equal(expected.Count, page.TotalCount);
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
    private async Task<List<int>> MatchingIdsAsync(bool includeArchived = false)
    {
        await using var db = _fixture.Database.CreateDbContext(_fixture.Account.Id);
        return await db.Registrations.Where(r => r.Candidate!.LastName.StartsWith("Martin") && (includeArchived || !r.Group!.IsArchived))
            .OrderByDescending(r => r.Id).Select(r => r.Id).ToListAsync();
    }
}
