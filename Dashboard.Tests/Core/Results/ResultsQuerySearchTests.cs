using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Results;

public sealed class ResultsQuerySearchTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private Account _account = null!;
    private readonly Dictionary<string, int> _ids = [];

    public async Task InitializeAsync()
    {
        var world = new WorldBuilder(database);
        var excel = await world.SubjectAsync("Excel Avancé");
        var python = await world.SubjectAsync("Python");
        _account = await world.AccountAsync();
        var group = await world.GroupAsync(_account);
        async Task AddAsync(string key, string first, string last, string email, Subject subject) =>
            _ids[key] = (await world.RegistrationAsync(await world.CandidateAsync(group, first, last, email), subject)).Id;

        await AddAsync("benoit", "Benoît", "Lefèvre", "b.lefevre@acme.test", excel);
        await AddAsync("helene", "Hélène", "Dupont-Moreau", "helene.dm@acme.test", excel);
        await AddAsync("dangelo", "Zoé", "D'Angelo", "zoe.dangelo@globex.test", python);
        await AddAsync("lukasz", "Łukasz", "Ødegård", "lukasz@nordic.test", python);
        await AddAsync("mary", "Mary", "O'Brien", "mary\"quote@irish.test", python);
        await AddAsync("li", "Wei", "Li", "wei.li@example.test", excel);

        // Another account's candidate with the same name must never show.
        var other = await world.AccountAsync("Other");
        await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(other), "Benoît", "Lefèvre"), excel);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<int>> SearchAsync(string? text)
    {
        await using var scope = database.CreateScope(_account.Id);
        var page = await scope.ServiceProvider.GetRequiredService<IResultsQuery>()
            .GetPageAsync(new ResultsPageRequest(new ResultsFilter { Search = text }, PageSize: 100));
        Assert.Equal(page.Rows.Count, page.TotalCount);
        return page.Rows.Select(r => r.Id).Order().ToList();
    }

    private List<int> Ids(params string[] keys) => keys.Select(k => _ids[k]).Order().ToList();

    [Theory]
    [InlineData("Lefèvre", "benoit")]
    [InlineData("Benoît", "benoit")]
    [InlineData("b.lefevre@acme.test", "benoit")]
    [InlineData("globex", "dangelo")]
    [InlineData("Dupont-Moreau", "helene")]
    [InlineData("moreau", "helene")]
    public async Task SearchFindsOneCandidateByLastNameFirstNameOrEmail(string text, string expected) =>
        Assert.Equal(Ids(expected), await SearchAsync(text));

    [Fact]
    public async Task SearchFindsEveryRegistrationOfATestByItsName()
    {
        Assert.Equal(Ids("dangelo", "lukasz", "mary"), await SearchAsync("python"));
        Assert.Equal(Ids("benoit", "helene", "li"), await SearchAsync("avance"));
    }

    [Theory]
    [InlineData("benoit")]
    [InlineData("BENOIT")]
    [InlineData("bEnOîT")]
    [InlineData("lefevre")]
    [InlineData("LEFÈVRE")]
    [InlineData("lefévre")]
    public async Task SearchIsCaseAndAccentInsensitive(string text) =>
        Assert.Equal(Ids("benoit"), await SearchAsync(text));

    [Fact]
    public async Task SearchWithAccentsFindsTextWithout()
    {
        Assert.Equal(Ids("helene"), await SearchAsync("hélène"));
        Assert.Equal(Ids("helene"), await SearchAsync("HELENE"));
    }

    [Fact]
    public async Task SearchByRegistrationIdFindsExactlyThatRegistration() =>
        Assert.Equal(Ids("mary"), await SearchAsync(_ids["mary"].ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task AnotherAccountsRegistrationIdFindsNothing()
    {
        await using var db = database.CreateDbContext(null);
        var foreignId = await db.Registrations.IgnoreQueryFilters().MaxAsync(r => r.Id);

        Assert.DoesNotContain(foreignId, _ids.Values);
        Assert.Empty(await SearchAsync(foreignId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task SeveralWordsMustAllMatch()
    {
        Assert.Equal(Ids("benoit"), await SearchAsync("benoit lefevre"));
        Assert.Equal(Ids("benoit"), await SearchAsync("  Lefèvre   Benoît "));
        Assert.Empty(await SearchAsync("benoit python"));
        Assert.Equal(Ids("dangelo"), await SearchAsync("zoé python"));
    }

    [Fact]
    public async Task ShortTermsMatchTheStartOfTheLastName()
    {
        Assert.Equal(Ids("li"), await SearchAsync("li"));
        Assert.Equal(Ids("benoit"), await SearchAsync("LE"));
        Assert.Equal(Ids("dangelo"), await SearchAsync("d'"));
        Assert.Equal(Ids("lukasz"), await SearchAsync("ø"));
        Assert.Empty(await SearchAsync("ze"));
    }

    [Fact]
    public async Task AShortTermNextToALongOneNarrowsWithinTheName()
    {
        Assert.Equal(Ids("li"), await SearchAsync("wei li"));
        Assert.Equal(Ids("helene"), await SearchAsync("du hélène"));
        Assert.Empty(await SearchAsync("xy helene"));
    }

    [Fact]
    public async Task PunctuationInNamesIsSearchedLiterally()
    {
        Assert.Equal(Ids("mary"), await SearchAsync("O'Brien"));
        Assert.Equal(Ids("dangelo"), await SearchAsync("d'angelo"));
        Assert.Equal(Ids("mary"), await SearchAsync("y\"q"));
        Assert.Equal(Ids("mary"), await SearchAsync("mary\"quote"));
    }

    [Fact]
    public async Task BlankSearchIsNoSearch()
    {
        var all = await SearchAsync(null);
        Assert.Equal(6, all.Count);
        Assert.Equal(all, await SearchAsync(""));
        Assert.Equal(all, await SearchAsync("   \t "));
        Assert.Equal(all, await SearchAsync("\0\r\n"));
    }

    public static TheoryData<string> HostileTexts()
    {
        var data = new TheoryData<string>
        {
            "\"", "\"\"", "'", "''", "*", "%", "%%%", "_", "\\", "^", "-", "+", "(", ")", ":", "{", "}",
            "a*", "ben*", "\"benoit\"", "benoit\"", "\"ben", "NEAR(", "NEAR(a b)", "a NEAR b", "AND", "OR", "NOT",
            "benoit AND lefevre", "benoit OR helene", "NOT benoit", "lef*", "^lef", "LastName:benoit", "{LastName}: x",
            "'; DROP TABLE Registrations; --", "1 OR 1=1", "' OR ''='", "%' OR '1'='1", "1; DELETE FROM Candidates",
            "a\0b", "\u200b", "\ufeff", "😀", "😀😀😀", "ben😀", "👩‍👩‍👧‍👦 family", "\ud800", "ﬁ", "İstanbul",
            "-1", "0", "99999999999999999999", "2147483648", "+12", " 12 ", "1e3", "0x10",
            new string('a', 500), new string('"', 500), string.Concat(Enumerable.Repeat("NEAR( ", 100)),
            string.Concat(Enumerable.Repeat("ab ", 200)),
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task AnySearchTextIsPlainTextAndNeverFails(string text)
    {
        var ids = await SearchAsync(text);

        // Nothing in the data contains these characters, so plain text finds nothing.
        Assert.All(ids, id => Assert.Contains(id, _ids.Values));
        Assert.True(ids.Count < _ids.Count, $"'{text}' should not match everything");
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("*")]
    [InlineData("ben*")]
    [InlineData("benoit OR helene")]
    [InlineData("NEAR(benoit helene)")]
    public async Task WildcardsAndOperatorsAreNotInterpreted(string text) =>
        Assert.Empty(await SearchAsync(text));

    [Fact]
    public async Task RenamingACandidateUpdatesTheSearch()
    {
        await using (var db = database.CreateDbContext(_account.Id))
        {
            var registration = await db.Registrations.FindAsync(_ids["benoit"]);
            var candidate = await db.Candidates.FindAsync(registration!.CandidateId);
            candidate!.FirstName = "Gérard";
            await db.SaveChangesAsync();
        }

        Assert.Equal(Ids("benoit"), await SearchAsync("gerard"));
        Assert.Empty(await SearchAsync("benoit"));
    }
}
