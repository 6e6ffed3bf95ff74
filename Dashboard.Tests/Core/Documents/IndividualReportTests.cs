using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Core.Documents;

public sealed class IndividualReportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly DocumentWorld _world = new(database);

    [Fact]
    public async Task EnglishReportShowsAccentedNameScoreLevelSkillsAndEveryQuestion()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account, "Équipe Nord");
        var candidate = await _world.World.CandidateAsync(group, "Łukasz", "Ødegård-Benoît");
        var subject = await _world.World.SubjectAsync("Excel avancé", skills: 3, questionsPerSkill: 4);
        // Skill 1 all right, skill 2 half, skill 3 none: 6 of 12.
        var registration = await _world.SittingAsync(candidate, subject, i => i < 4 || (i >= 4 && i < 8 && i % 2 == 0));

        await using var scope = database.CreateScope(account.Id);
        var file = await DocumentWorld.Documents(scope).IndividualReportAsync(registration.Id, "en");
        DocumentWorld.Keep("individual-en.pdf", file.Content);

        Assert.Equal("application/pdf", file.ContentType);
        Assert.EndsWith(".pdf", file.FileName);
        Assert.Contains("Ødegård-Benoît", file.FileName);
        var text = DocumentWorld.PdfText(file.Content);
        Assert.Contains("Individual report", text);
        Assert.Contains("Łukasz Ødegård-Benoît", text);
        Assert.Contains("Équipe Nord", text);
        Assert.Contains("Scores by skill", text);
        Assert.Contains("Question-by-question detail", text);
        Assert.Contains("Average time per question", text);
        Assert.Equal(500, registration.Score);
        Assert.Contains("500", text);
        Assert.Contains("Basic", text);
        Assert.Contains("1,000 · Expert", text);   // skill 1: every answer right
        Assert.Contains("1 · Initial", text);      // skill 3: nothing right
        for (var q = 1; q <= 12; q++)
        {
            Assert.Contains($"Question {q}", text);
        }
    }

    [Fact]
    public async Task FrenchReportUsesFrenchHeadingsLevelsAndNumbers()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account);
        var candidate = await _world.World.CandidateAsync(group, "Benoît", "Lefèvre");
        var subject = await _world.World.SubjectAsync("Tableur", skills: 2, questionsPerSkill: 5);
        var registration = await _world.SittingAsync(candidate, subject, i => i < 5 || i == 9,
            completedAt: new DateTimeOffset(2026, 11, 26, 14, 30, 0, TimeSpan.Zero));

        await using var scope = database.CreateScope(account.Id);
        var file = await DocumentWorld.Documents(scope).IndividualReportAsync(registration.Id, "fr");
        DocumentWorld.Keep("individual-fr.pdf", file.Content);

        var text = DocumentWorld.PdfText(file.Content);
        Assert.Contains("Rapport individuel", text);
        Assert.Contains("Scores par compétence", text);
        Assert.Contains("Détail question par question", text);
        Assert.Contains("Benoît Lefèvre", text);
        Assert.Contains("26 novembre 2026 à 15:30 (Europe/Paris)", text);
        Assert.Contains("Opérationnel", text);               // 6/10 → 600
        Assert.Contains("1\u202f000 · Expert", text);        // fr-FR groups thousands with a narrow no-break space
        Assert.StartsWith("rapport-", file.FileName);
    }

    [Fact]
    public async Task LongTestFlowsOverSeveralPagesWithTheTableHeaderRepeated()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account);
        var candidate = await _world.World.CandidateAsync(group);
        var subject = await _world.World.SubjectAsync("Long", skills: 4, questionsPerSkill: 25);
        var registration = await _world.SittingAsync(candidate, subject, i => i % 3 != 0);

        await using var scope = database.CreateScope(account.Id);
        var file = await DocumentWorld.Documents(scope).IndividualReportAsync(registration.Id, "en");
        DocumentWorld.Keep("individual-long.pdf", file.Content);

        var pages = DocumentWorld.PdfPages(file.Content);
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        Assert.All(pages.Skip(2), p => Assert.Contains("Correct answer", p));
        Assert.Contains("Question 100", pages[^1]);
        Assert.Contains($"Page {pages.Count} of {pages.Count}", pages[^1]);
    }

    [Fact]
    public async Task AnotherAccountsRegistrationIsNotFound()
    {
        var account = await _world.World.AccountAsync();
        var other = await _world.World.AccountAsync("Other");
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account));
        var subject = await _world.World.SubjectAsync();
        var registration = await _world.SittingAsync(candidate, subject, _ => true);

        await using var scope = database.CreateScope(other.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => DocumentWorld.Documents(scope).IndividualReportAsync(registration.Id, "en"));
    }

    [Fact]
    public async Task UnfinishedTestHasNoReport()
    {
        var account = await _world.World.AccountAsync();
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account));
        var subject = await _world.World.SubjectAsync();
        var registration = await _world.World.RegistrationAsync(candidate, subject, RegistrationStatus.InProgress);

        await using var scope = database.CreateScope(account.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => DocumentWorld.Documents(scope).IndividualReportAsync(registration.Id, "en"));
    }

    [Fact]
    public async Task AdministratorWithoutViewResultsIsRefused()
    {
        var account = await _world.World.AccountAsync();
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account));
        var registration = await _world.SittingAsync(candidate, await _world.World.SubjectAsync(), _ => true);

        await using var scope = database.CreateScope(account.Id, 1, Privileges.Grade);
        await Assert.ThrowsAsync<PrivilegeException>(() => DocumentWorld.Documents(scope).IndividualReportAsync(registration.Id, "en"));
    }

    [Fact]
    public async Task ProgressionReportComparesFirstAndLatestTestOverallAndPerSkill()
    {
        var account = await _world.World.AccountAsync();
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account), "Zoë", "Ødegård");
        var subject = await _world.World.SubjectAsync("Python", skills: 2, questionsPerSkill: 5);
        var now = database.Time.GetUtcNow();
        var first = await _world.SittingAsync(candidate, subject, i => i < 2, completedAt: now.AddDays(-60));      // 2/10
        await _world.SittingAsync(candidate, subject, i => i < 5, completedAt: now.AddDays(-30));                  // 5/10, in between
        var last = await _world.SittingAsync(candidate, subject, i => i < 8, completedAt: now.AddDays(-1));        // 8/10

        await using var scope = database.CreateScope(account.Id);
        var file = await DocumentWorld.Documents(scope).ProgressionReportForRegistrationAsync(first.Id, "en");
        DocumentWorld.Keep("progression-en.pdf", file.Content);

        var text = DocumentWorld.PdfText(file.Content);
        Assert.Contains("Progression report", text);
        Assert.Contains("Zoë Ødegård", text);
        Assert.Contains($"+{last.Score - first.Score:N0}", text); // 201 → 800: +599
        Assert.Contains("Progression by skill", text);
        Assert.Contains("Python skill 1", text);
        Assert.Contains("Python skill 2", text);
        Assert.DoesNotContain("500", text); // the middle test is neither initial nor final
    }

    [Fact]
    public async Task ProgressionNeedsTwoCompletedTests()
    {
        var account = await _world.World.AccountAsync();
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account));
        var subject = await _world.World.SubjectAsync();
        var only = await _world.SittingAsync(candidate, subject, _ => true);

        await using var scope = database.CreateScope(account.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => DocumentWorld.Documents(scope).IndividualProgressionReportAsync(candidate.Id, subject.Id, "en"));
        Assert.True(only.Id > 0);
    }

    [Fact]
    public async Task FontsAreEmbeddedSoTheReportNeedsNothingFromTheMachine()
    {
        var account = await _world.World.AccountAsync();
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account));
        var registration = await _world.SittingAsync(candidate, await _world.World.SubjectAsync(), _ => true);

        await using var scope = database.CreateScope(account.Id);
        var file = await DocumentWorld.Documents(scope).IndividualReportAsync(registration.Id, "en");

        using var document = PdfDocument.Open(file.Content);
        var fonts = document.GetPage(1).Letters.Select(l => l.FontName).Distinct().ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Contains("DejaVu", f));
    }
}
