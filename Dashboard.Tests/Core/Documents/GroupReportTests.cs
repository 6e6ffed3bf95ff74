using Dashboard.Core.Accounts;
using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Core.Documents;

public sealed class GroupReportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateOnly November1 = new(2026, 11, 1);
    private static readonly DateOnly November30 = new(2026, 11, 30);
    private readonly DocumentWorld _world = new(database);

    [Fact]
    public async Task ThousandCandidateReportRanksEveryCandidateWithTheHeaderOnEveryPage()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account, "Promotion 2026");
        var subject = await _world.World.SubjectAsync("Excel", skills: 3, questionsPerSkill: 2);
        // A permutation of 1..1000 (7919 is prime to 1000): every score distinct, so the rank order is known.
        static double Score(int i) => 1 + (i * 7919 % 1000);
        await _world.ManyAsync(group, subject, 1000, Score, i => (i % 2 == 0 ? "Łukasz" : "Benoît", $"Ødegård{i:D4}"),
            new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero));

        await using var scope = database.CreateScope(account.Id);
        var file = await DocumentWorld.Documents(scope).GroupReportAsync(new GroupReportRequest(group.Id, subject.Id, November1, November30, "en"));
        DocumentWorld.Keep("group-1000.pdf", file.Content);

        var pages = DocumentWorld.PdfPages(file.Content);
        // Page 1: statistics and charts. Ranking: 40 rows on its first page, 42 on each next one → 1 + 24 pages.
        Assert.Equal(25, pages.Count);
        Assert.All(pages.Skip(1), p => Assert.Contains("RankNameGroupTest dateTestsScoreLevel", p));
        var text = string.Join("\n", pages);
        var expected = Enumerable.Range(0, 1000).OrderByDescending(Score).Select(i => $"Ødegård{i:D4} {(i % 2 == 0 ? "Łukasz" : "Benoît")}").ToList();
        var position = 0;
        for (var rank = 0; rank < expected.Count; rank++)
        {
            var found = text.IndexOf(expected[rank], position, StringComparison.Ordinal);
            Assert.True(found > position, $"rank {rank + 1}: {expected[rank]} not after the previous one");
            position = found;
        }

        Assert.Contains("Average score by skill", pages[0]);
        Assert.Contains("Expert (876–1000)", pages[0]);
    }

    [Fact]
    public async Task StatisticsUseEachCandidatesBestScoreInThePeriodIncludingSubGroups()
    {
        var account = await _world.World.AccountAsync();
        var parent = await _world.World.GroupAsync(account, "Ventes");
        var child = await _world.World.GroupAsync(account, "Ventes Sud", parent);
        var subject = await _world.World.SubjectAsync("Outlook");
        var otherSubject = await _world.World.SubjectAsync("Teams");
        var inPeriod = new DateTimeOffset(2026, 11, 15, 10, 0, 0, TimeSpan.Zero);
        var scores = new[] { 200.0, 400, 600, 800, 1000 };
        for (var i = 0; i < scores.Length; i++)
        {
            var candidate = await _world.World.CandidateAsync(i % 2 == 0 ? parent : child, $"Prénom{i}", $"Nom{i}");
            await _world.World.RegistrationAsync(candidate, subject, score: scores[i], completedAt: inPeriod);
            if (i == 0)
            {
                await _world.World.RegistrationAsync(candidate, subject, score: 100, completedAt: inPeriod.AddDays(-2)); // worse attempt
                await _world.World.RegistrationAsync(candidate, subject, score: 990, completedAt: inPeriod.AddMonths(-3)); // outside the period
                await _world.World.RegistrationAsync(candidate, otherSubject, score: 999, completedAt: inPeriod);       // other subject
            }
        }

        await using var scope = database.CreateScope(account.Id);
        var documents = DocumentWorld.Documents(scope);
        var english = await documents.GroupReportAsync(new GroupReportRequest(parent.Id, subject.Id, November1, November30, "en"));
        var french = await documents.GroupReportAsync(new GroupReportRequest(parent.Id, subject.Id, November1, November30, "fr"));
        DocumentWorld.Keep("group-en.pdf", english.Content);
        DocumentWorld.Keep("group-fr.pdf", french.Content);

        var en = DocumentWorld.PdfText(english.Content);
        Assert.Contains("Group report", en);
        Assert.Contains("Ventes (including its sub-groups)", en);
        Assert.Contains("1 November 2026 to 30 November 2026", en);
        Assert.Contains("Mean600.0", en.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("Median600.0", en.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("Minimum200", en.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("Maximum1,000", en.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("282.8", en);                  // population standard deviation of 200…1000
        Assert.Contains("Score distribution by level", en);
        Assert.Contains("Nom1 Prénom1", en);
        Assert.Contains("Ventes Sud", en);
        Assert.DoesNotContain("990", en);
        Assert.DoesNotContain("999", en);

        var fr = DocumentWorld.PdfText(french.Content);
        Assert.Contains("Rapport de groupe", fr);
        Assert.Contains("Moyenne600,0", fr.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("282,8", fr);
        Assert.Contains("Écart type", fr);
        Assert.Contains("Répartition des scores par niveau", fr);
        Assert.Contains("Classement", fr);
        Assert.Contains("du 1 novembre 2026 au 30 novembre 2026", fr);
    }

    [Fact]
    public async Task GroupProgressionComparesFirstAndLastTestOfCandidatesWhoTookItTwice()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account, "Stagiaires");
        var subject = await _world.World.SubjectAsync("Access", skills: 2, questionsPerSkill: 5);
        var start = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);
        var anne = await _world.World.CandidateAsync(group, "Anne", "Ångström");
        var anneFirst = await _world.SittingAsync(anne, subject, i => i < 3, completedAt: start);  // 301 → 800
        var anneLast = await _world.SittingAsync(anne, subject, i => i < 8, completedAt: start.AddDays(10));
        var bob = await _world.World.CandidateAsync(group, "Bob", "Bäcker");
        var bobFirst = await _world.SittingAsync(bob, subject, i => i < 6, completedAt: start);    // 600 → 500
        await _world.SittingAsync(bob, subject, i => i < 9, completedAt: start.AddDays(5));
        var bobLast = await _world.SittingAsync(bob, subject, i => i < 5, completedAt: start.AddDays(12));
        var once = await _world.World.CandidateAsync(group, "Once", "Only");
        await _world.SittingAsync(once, subject, _ => true, completedAt: start);

        await using var scope = database.CreateScope(account.Id);
        var file = await DocumentWorld.Documents(scope).GroupProgressionReportAsync(new GroupReportRequest(group.Id, subject.Id, November1, November30, "en"));
        DocumentWorld.Keep("group-progression.pdf", file.Content);

        var text = DocumentWorld.PdfText(file.Content);
        Assert.Contains("Group progression report", text);
        Assert.Contains("Ångström Anne", text);
        Assert.Contains("Bäcker Bob", text);
        Assert.DoesNotContain("Only Once", text);
        var anneChange = anneLast.Score!.Value - anneFirst.Score!.Value;
        var bobChange = bobLast.Score!.Value - bobFirst.Score!.Value;
        Assert.Equal((499, -100), (anneChange, bobChange));
        Assert.Contains("+499", text);
        Assert.Contains("−100", text);
        Assert.Contains("+199.5", text); // the group's average change
        Assert.Contains("Average change by skill", text);
    }

    /// <summary>
    /// Issue 11, defect 7: a progression report's skill names are long and share a prefix; the table headers and the
    /// chart's labels wrap over lines instead of being cut (six bars all labelled "Spreadsheet modelling and for…").
    /// </summary>
    [Fact]
    public async Task LongSkillHeadersOfTheProgressionReportWrapInsteadOfBeingCut()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account, "Apprentis");
        const string name = "Spreadsheet modelling and forecasting";
        var subject = await _world.World.SubjectAsync(name, skills: 6, questionsPerSkill: 2);
        var start = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);
        var candidate = await _world.World.CandidateAsync(group, "Zoé", "Lefèvre");
        await _world.SittingAsync(candidate, subject, i => i < 4, completedAt: start);
        await _world.SittingAsync(candidate, subject, i => i < 10, completedAt: start.AddDays(7));

        await using var scope = database.CreateScope(account.Id);
        var file = await DocumentWorld.Documents(scope).GroupProgressionReportAsync(new GroupReportRequest(group.Id, subject.Id, November1, November30, "en"));
        DocumentWorld.Keep("group-progression-long-skills.pdf", file.Content);

        var text = DocumentWorld.PdfText(file.Content);
        Assert.DoesNotContain("…", text);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(file.Content);
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
        // Each of the six skills "Spreadsheet modelling and forecasting skill N" is printed whole, over several lines, in
        // the chart and in the table's header.
        Assert.True(words.Count(w => w == "forecasting") >= 12, $"the skill names are cut: {string.Join(' ', words)}");
        Assert.Equal(6, Enumerable.Range(1, 6).Count(n => words.Contains(n.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task GroupReportsNeedTheGroupReportsPrivilege()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account);
        var subject = await _world.World.SubjectAsync();

        await using var scope = database.CreateScope(account.Id, 1, Privileges.ViewResults | Privileges.Export);
        var request = new GroupReportRequest(group.Id, subject.Id, November1, November30, "en");
        await Assert.ThrowsAsync<PrivilegeException>(() => DocumentWorld.Documents(scope).GroupReportAsync(request));
        await Assert.ThrowsAsync<PrivilegeException>(() => DocumentWorld.Documents(scope).GroupProgressionReportAsync(request));
        await Assert.ThrowsAsync<PrivilegeException>(() => DocumentWorld.Documents(scope).SkillsFileAsync(request));
    }

    [Fact]
    public async Task AnotherAccountsGroupIsNotFound()
    {
        var account = await _world.World.AccountAsync();
        var other = await _world.World.AccountAsync("Other");
        var theirs = await _world.World.GroupAsync(other);
        var subject = await _world.World.SubjectAsync();

        await using var scope = database.CreateScope(account.Id);
        await Assert.ThrowsAsync<NotFoundException>(() =>
            DocumentWorld.Documents(scope).GroupReportAsync(new GroupReportRequest(theirs.Id, subject.Id, November1, November30, "en")));
    }

    [Fact]
    public async Task EmptyPeriodSaysSoInsteadOfFailing()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account);
        var subject = await _world.World.SubjectAsync();

        await using var scope = database.CreateScope(account.Id);
        var file = await DocumentWorld.Documents(scope).GroupReportAsync(new GroupReportRequest(group.Id, subject.Id, November1, November30, "fr"));

        Assert.Contains("Aucun test terminé", DocumentWorld.PdfText(file.Content));
    }
}
