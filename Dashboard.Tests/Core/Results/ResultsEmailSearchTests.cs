using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Results;

/// <summary>
/// A term with an @ is looked up in the search index by the part before the @ and then checked whole against the email
/// (on SQLite): the part alone must never widen the result, and LIKE's own wildcards in an email are plain characters.
/// </summary>
public sealed class ResultsEmailSearchTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private Account _account = null!;
    private readonly Dictionary<string, int> _ids = [];

    public async Task InitializeAsync()
    {
        var world = new WorldBuilder(database);
        var word = await world.SubjectAsync("Word");
        _account = await world.AccountAsync();
        var group = await world.GroupAsync(_account);
        async Task AddAsync(string key, string first, string last, string email) =>
            _ids[key] = (await world.RegistrationAsync(await world.CandidateAsync(group, first, last, email), word)).Id;

        await AddAsync("north", "Anna", "Kowalska", "anna.k@north.test");
        await AddAsync("south", "Anne", "Kowal", "Anna.K@South.test");
        await AddAsync("underscore", "Jane", "Doe", "j_doe@acme.test");
        await AddAsync("letter", "John", "Xdoe", "jxdoe@acme.test");
        await AddAsync("percent", "Paul", "Cent", "p%cent@acme.test");
        await AddAsync("name", "Claire", "Anna.k@north", "claire@west.test");

        // Another account's candidate with the same email must never show.
        var other = await world.AccountAsync("Other");
        await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(other), "Anna", "Kowalska", "anna.k@north.test"), word);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<int>> SearchAsync(string text, bool descending = false)
    {
        await using var scope = database.CreateScope(_account.Id);
        var page = await scope.ServiceProvider.GetRequiredService<IResultsQuery>()
            .GetPageAsync(new ResultsPageRequest(new ResultsFilter { Search = text }, PageSize: 100, Descending: descending));
        Assert.Equal(page.Rows.Count, page.TotalCount);
        return page.Rows.Select(r => r.Id).Order().ToList();
    }

    private List<int> Ids(params string[] keys) => keys.Select(k => _ids[k]).Order().ToList();

    [Theory]
    [InlineData("anna.k@north.test", "north")]
    [InlineData("ANNA.K@NORTH.TEST", "north")]
    [InlineData("anna.k@south.test", "south")]
    [InlineData("j_doe@acme.test", "underscore")]
    [InlineData("jxdoe@acme", "letter")]
    [InlineData("p%cent@acme.test", "percent")]
    public async Task AnEmailFindsItsOwnCandidateOnlyWhateverSharesItsLocalPart(string text, string expected)
    {
        Assert.Equal(Ids(expected), await SearchAsync(text));
        Assert.Equal(Ids(expected), await SearchAsync(text, descending: true));
    }

    [Fact]
    public async Task APartOfAnEmailStillFindsEveryCandidateContainingIt()
    {
        Assert.Equal(Ids("north", "name"), await SearchAsync("anna.k@north"));
        Assert.Equal(Ids("north", "south", "name"), await SearchAsync("anna.k"));
        Assert.Equal(Ids("underscore", "letter", "percent"), await SearchAsync("@acme.test"));
        Assert.Equal(Ids("underscore", "letter"), await SearchAsync("doe@acme"));
    }

    [Theory]
    [InlineData("anna.k@east.test")]
    [InlineData("j%doe@acme.test")]
    [InlineData("p_cent@acme.test")]
    [InlineData("kowalska@north.test")]
    public async Task AnEmailNoCandidateHasFindsNothing(string text) =>
        Assert.Empty(await SearchAsync(text));
}
