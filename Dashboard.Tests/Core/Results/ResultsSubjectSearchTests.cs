using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Results;

/// <summary>
/// A term that matches test names and candidates' names at once ("excel": the tests Excel and Excel Avancé, the
/// candidate Excelsior), over more matches than <see cref="ResultsPage.CountCap"/>, the two kinds interleaved by Id,
/// some rows matching both, with rows of an archived group and of another account in between. Every page and count
/// is compared with a plain filter over all the account's rows in memory.
/// </summary>
public sealed class ResultsSubjectSearchTests : IClassFixture<ResultsSubjectSearchTests.Fixture>
{
    /// <summary>Three of every five rows match "excel" (one by test, one by name, one by both): just past the cap.</summary>
    private const int Rounds = (ResultsPage.CountCap / 3) + 21;

    private readonly Fixture _fixture;

    public ResultsSubjectSearchTests(Fixture fixture) => _fixture = fixture;

    public sealed class Fixture : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new();
        public Account Account { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Database.InitializeAsync();
            var world = new WorldBuilder(Database);
            var excel = await world.SubjectAsync("Excel");
            var advanced = await world.SubjectAsync("Excel Avancé");
            var word = await world.SubjectAsync("Word");
            Account = await world.AccountAsync();
            var sales = await world.GroupAsync(Account);
            var archived = await world.GroupAsync(Account, "Old", archived: true);
            var excelsior = await world.CandidateAsync(sales, "Anne", "Excelsior", "anne.x@acme.test");
            var dubois = await world.CandidateAsync(sales, "Paul", "Dubois", "paul.dubois@acme.test");
            var hidden = await world.CandidateAsync(archived, "Paul", "Dubois", "old.dubois@acme.test");
            var elsewhere = await world.AccountAsync("Elsewhere");
            var stranger = await world.CandidateAsync(await world.GroupAsync(elsewhere), "Marc", "Excelmann", "marc@elsewhere.test");
            var now = Database.Time.GetUtcNow();
            Registration Sitting(Candidate candidate, Subject subject, int i) => new()
            {
                AccountId = candidate.AccountId, CandidateId = candidate.Id, GroupId = candidate.GroupId, SubjectId = subject.Id,
                Status = i % 2 == 0 ? RegistrationStatus.ToBeTaken : RegistrationStatus.Cancelled, RegisteredAt = now.AddMinutes(-i),
                SortName = TextFold.SortName(candidate.LastName, candidate.FirstName),
            };
            await using var db = Database.CreateDbContext(null);
            db.Registrations.AddRange(Enumerable.Range(0, Rounds).SelectMany(i => new[]
            {
                Sitting(dubois, excel, i),          // the test's name only
                Sitting(excelsior, word, i),        // the candidate's name only
                Sitting(stranger, excel, i),        // both, in another account
                Sitting(dubois, word, i),           // neither
                Sitting(excelsior, advanced, i),    // both
                Sitting(hidden, advanced, i),       // the test's name, in an archived group
            }));
            await db.SaveChangesAsync();
        }

        public async Task DisposeAsync() => await Database.DisposeAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PagesOfATermMatchingTestsAndNamesReachEveryMatchInOrder(bool descending)
    {
        var filter = new ResultsFilter { Search = "excel" };
        var expected = await ExpectedAsync(filter, descending);

        var ids = new List<int>();
        ResultsPage? page = null;
        for (var index = 0; ; index++)
        {
            page = await PageAsync(new ResultsPageRequest(filter, Descending: descending, Page: index, PageSize: 700) { From = page?.Bounds });
            if (index == 0)
            {
                Assert.True(page.TotalIsLowerBound);
                Assert.Equal(ResultsPage.CountCap, page.TotalCount);
            }

            ids.AddRange(page.Rows.Select(r => r.Id));
            Assert.True(page.TotalCount >= ids.Count + (ids.Count < expected.Count ? 1 : 0));
            if (page.Rows.Count < 700)
            {
                break;
            }
        }

        Assert.True(expected.Count > ResultsPage.CountCap);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CountsOfATermMatchingTestsAndNamesAgreeWithCountingEveryRow(bool descending)
    {
        var filter = new ResultsFilter { Search = "excel" };
        var expected = await ExpectedAsync(filter, descending);

        var capped = await PageAsync(new ResultsPageRequest(filter, Descending: descending));
        var exact = await PageAsync(new ResultsPageRequest(filter, Descending: descending) { ExactCount = true });
        var pastTheCap = await PageAsync(new ResultsPageRequest(filter, Descending: descending, Page: ResultsPage.CountCap / 25, PageSize: 25) { ExactCount = true });
        var jump = await PageAsync(new ResultsPageRequest(filter, Descending: descending, Page: (ResultsPage.CountCap / 25) - 1, PageSize: 25));

        Assert.Equal(expected.Take(25), capped.Rows.Select(r => r.Id));
        Assert.Equal((ResultsPage.CountCap, true), (capped.TotalCount, capped.TotalIsLowerBound));
        Assert.Equal((expected.Count, false), (exact.TotalCount, exact.TotalIsLowerBound));
        Assert.Equal(expected.Skip(ResultsPage.CountCap).Take(25), pastTheCap.Rows.Select(r => r.Id));
        Assert.Equal(expected.Skip(ResultsPage.CountCap - 25).Take(25), jump.Rows.Select(r => r.Id));
        await using var scope = _fixture.Database.CreateScope(_fixture.Account.Id);
        Assert.Equal(expected.Count, await scope.ServiceProvider.GetRequiredService<IResultsQuery>().CountAsync(filter));
    }

    /// <summary>With another word, a short word, another filter, or the archived group shown, under and over the cap.</summary>
    [Theory]
    [InlineData("excel anne", false, false)]
    [InlineData("dubois excel", false, false)]
    [InlineData("excel pa", false, false)]
    [InlineData("avanc excel", false, false)]
    [InlineData("excel", true, false)]
    [InlineData("excel", false, true)]
    public async Task ATermMatchingTestsAndNamesWithOtherCriteriaGivesThePlainFiltersRows(string search, bool cancelledOnly, bool archivedToo)
    {
        var filter = new ResultsFilter
        {
            Search = search, Status = cancelledOnly ? RegistrationStatus.Cancelled : null, IncludeArchivedGroups = archivedToo,
        };
        var expected = await ExpectedAsync(filter, descending: true);

        var first = await PageAsync(new ResultsPageRequest(filter, PageSize: 1000) { ExactCount = true });
        var last = await PageAsync(new ResultsPageRequest(filter, Page: (expected.Count - 1) / 1000, PageSize: 1000) { ExactCount = true });

        Assert.Equal(expected.Count, first.TotalCount);
        Assert.Equal(expected.Take(1000), first.Rows.Select(r => r.Id));
        Assert.Equal(expected.Skip((expected.Count - 1) / 1000 * 1000), last.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task ATermMatchingTestsAndNamesSortedByNameGivesThePlainFiltersOrder()
    {
        var filter = new ResultsFilter { Search = "excel" };
        var expected = (await MatchesAsync(filter)).OrderBy(r => r.SortName, StringComparer.Ordinal).ThenBy(r => r.Id).Select(r => r.Id).ToList();

        var first = await PageAsync(new ResultsPageRequest(filter, ResultsSortKeys.Name, false, PageSize: 100));
        var next = await PageAsync(new ResultsPageRequest(filter, ResultsSortKeys.Name, false, Page: 1, PageSize: 100) { From = first.Bounds });

        Assert.Equal(expected.Take(200), first.Rows.Concat(next.Rows).Select(r => r.Id));
    }

    private async Task<ResultsPage> PageAsync(ResultsPageRequest request)
    {
        await using var scope = _fixture.Database.CreateScope(_fixture.Account.Id);
        return await scope.ServiceProvider.GetRequiredService<IResultsQuery>().GetPageAsync(request);
    }

    private async Task<List<int>> ExpectedAsync(ResultsFilter filter, bool descending)
    {
        var ids = (await MatchesAsync(filter)).Select(r => r.Id).Order().ToList();
        if (descending)
        {
            ids.Reverse();
        }

        return ids;
    }

    private sealed record Row(int Id, string SortName, string Text, RegistrationStatus Status, bool Archived);

    /// <summary>
    /// Every row of the account read without the search index, filtered here: each word is in the test's name or the
    /// candidate's names or email (a word under 3 letters in the folded name).
    /// </summary>
    private async Task<List<Row>> MatchesAsync(ResultsFilter filter)
    {
        await using var db = _fixture.Database.CreateDbContext(_fixture.Account.Id);
        var rows = await db.Registrations.Select(r => new
        {
            r.Id, r.SortName, r.Status, r.Group!.IsArchived, Subject = r.Subject!.Name,
            Names = r.Candidate!.LastName + " " + r.Candidate.FirstName + " " + r.Candidate.Email,
        }).ToListAsync();
        var words = filter.Search!.Split(' ');
        return rows
            .Where(r => filter.IncludeArchivedGroups || !r.IsArchived)
            .Where(r => filter.Status is null || r.Status == filter.Status)
            .Where(r => words.All(w => w.Length < 3
                ? r.SortName.Contains(w, StringComparison.Ordinal)
                : TextFold.Fold(r.Subject).Contains(w, StringComparison.Ordinal) || TextFold.Fold(r.Names).Contains(w, StringComparison.Ordinal)))
            .Select(r => new Row(r.Id, r.SortName, r.Names, r.Status, r.IsArchived))
            .ToList();
    }
}
