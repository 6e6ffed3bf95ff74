using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Tests.Components.Localization;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.DashboardMetrics;
using MudBlazor;

namespace Dashboard.Tests.Components.DashboardMetrics;

public sealed class DashboardPageTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly BunitContext _context = ComponentContext.Create(database);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.DisposeAsync().AsTask();

    [Fact]
    public async Task SelectionWithoutCompletedTestsShowsTheEmptyStateInsteadOfCharts()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync();
        await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(account)), subject, RegistrationStatus.InProgress);

        var page = Render(account.Id);

        page.WaitForAssertion(() => Assert.Contains("No completed test in this selection", page.Find("[data-testid=dashboard-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=top-ten]"));
        Assert.Empty(page.FindAll("[data-testid=score-distribution]"));
    }

    [Fact]
    public async Task CompletedTestsFillTheCardsChartsTopTenAndPacks()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var group = await world.GroupAsync(account);
        var subject = await world.SubjectAsync(skills: 1, questionsPerSkill: 2);
        foreach (var (name, score, pattern) in new[] { ("Ada", 950.0, "11"), ("Bob", 700.0, "10"), ("Cyd", 400.0, "01"), ("Dee", 300.0, "00") })
        {
            await world.RegistrationAsync(await world.CandidateAsync(group, "X", name), subject, score: score, configure: AnalysisBuilders.Answers(subject, pattern));
        }

        await using (var db = database.CreateDbContext(account.Id))
        {
            db.CreditPacks.Add(new CreditPack { AccountId = account.Id, TestType = TestType.Evaluation, InitialQuantity = 100, RemainingQuantity = 60, ExpiresOn = new DateOnly(2027, 6, 30) });
            db.CreditPacks.Add(new CreditPack { AccountId = account.Id, TestType = TestType.Certification, InitialQuantity = 10, RemainingQuantity = 2, ExpiresOn = new DateOnly(2026, 1, 31) });
            await db.SaveChangesAsync();
        }

        var page = Render(account.Id);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=top-ten]")));
        Assert.Equal("4", page.Find("[data-testid=metric-completed] h4").TextContent.Trim());
        Assert.Contains("25 min", page.Find("[data-testid=metric-average-time]").TextContent, StringComparison.Ordinal);
        var rows = page.FindAll("[data-testid=top-ten] tbody tr");
        Assert.Equal(4, rows.Count);
        Assert.Equal(3, page.FindAll("[data-testid=top-ten] tbody tr.podium").Count);
        Assert.Contains("Ada", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(4, page.FindAll("[data-testid=status-chart] g.bar").Count);
        Assert.Equal(5, page.FindAll("[data-testid=score-distribution] g.bar").Count);
        Assert.Equal(2, page.FindAll("[data-testid=question-stats] tbody tr").Count);
        Assert.Single(page.FindAll("[data-testid=credit-packs] tr.pack-expired"));
        Assert.Single(page.FindAll("[data-testid=credit-packs] tr.pack-active"));
    }

    [Theory]
    [InlineData("fr-FR", true)]
    [InlineData("en-GB", false)]
    public async Task TheScoreDistributionWritesItsSharesAsTheCultureDoes(string culture, bool spaceBeforePercent)
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync(skills: 1, questionsPerSkill: 2);
        var group = await world.GroupAsync(account);
        foreach (var score in new[] { 950.0, 700.0, 400.0, 300.0 })
        {
            await world.RegistrationAsync(await world.CandidateAsync(group), subject, score: score, configure: AnalysisBuilders.Answers(subject, "10"));
        }

        using var scope = culture == "fr-FR" ? FrenchHarness.French() : FrenchHarness.English();
        var page = Render(account.Id);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=score-distribution] g.bar")));
        var quarters = page.FindAll("[data-testid=score-distribution] text").Select(t => t.TextContent.Trim()).Where(t => t.StartsWith("1 (25", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, quarters.Count);
        // "1 (25 %)" in French (a no-break space before the sign), "1 (25%)" in English.
        Assert.All(quarters, q => Assert.Equal(spaceBeforePercent, char.IsWhiteSpace(q[^3])));
        Assert.All(quarters, q => Assert.EndsWith("%)", q, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheTopTenDatesEachTestOnTheAccountsDay()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync(skills: 1, questionsPerSkill: 2);
        // 23:30 UTC on 26 November is 00:30 on 27 November in Paris.
        await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(account), "X", "Ada"), subject, score: 950,
            completedAt: new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.Zero), configure: AnalysisBuilders.Answers(subject, "11"));

        var page = Render(account.Id);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=top-ten] tbody tr")));
        Assert.Contains("27 Nov 2026", page.Find("[data-testid=top-ten] tbody tr").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionWithNoTestEmptiesTheTestFieldAndReplacesThePreviousMetrics()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var group = await world.GroupAsync(account);
        var subject = await world.SubjectAsync(skills: 1, questionsPerSkill: 2);
        await world.RegistrationAsync(await world.CandidateAsync(group, "X", "Ada"), subject, score: 800, configure: AnalysisBuilders.Answers(subject, "11"));
        var empty = await world.SessionAsync(account, "Empty session");
        var page = Render(account.Id);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=top-ten]")));
        var panel = page.FindComponent<DashboardFilterPanel>();

        await page.InvokeAsync(() => panel.Instance.SelectionChanged.InvokeAsync(panel.Instance.Selection with { BySession = true, SessionId = empty.Id }));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=dashboard-no-test]")));
        var testField = page.Find("[data-testid=dashboard-test]");
        Assert.Equal("", testField.QuerySelector("input")!.GetAttribute("value") ?? "");
        Assert.DoesNotContain(">0<", testField.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("No test taken in this session", testField.TextContent, StringComparison.Ordinal);
        Assert.Contains("No test taken in this session", page.Find("[data-testid=dashboard-no-test]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=top-ten]"));
        Assert.Empty(page.FindAll("[data-testid=metric-completed]"));
    }

    [Fact]
    public async Task ThePeriodCanBeTypedAndAnEndBeforeTheStartIsRefusedOnTheField()
    {
        var world = new WorldBuilder(database);
        var account = await world.AccountAsync();
        var subject = await world.SubjectAsync(skills: 1, questionsPerSkill: 2);
        await world.RegistrationAsync(await world.CandidateAsync(await world.GroupAsync(account)), subject, score: 800, configure: AnalysisBuilders.Answers(subject, "11"));
        using var english = FrenchHarness.English();
        var page = Render(account.Id);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=top-ten]")));
        var from = page.Find("[data-testid=dashboard-period-from] input");
        var to = page.Find("[data-testid=dashboard-period-to] input");
        Assert.False(from.HasAttribute("readonly"), "the start of the period cannot be typed");
        Assert.False(to.HasAttribute("readonly"), "the end of the period cannot be typed");

        page.Find("[data-testid=dashboard-period-from] input").Change("01/10/2026");
        page.Find("[data-testid=dashboard-period-to] input").Change("15/09/2026");

        page.WaitForAssertion(() => Assert.Contains("The period ends before it starts", page.Find("[data-testid=dashboard-period-to]").TextContent, StringComparison.Ordinal));
        var panel = page.FindComponent<DashboardFilterPanel>().Instance;
        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 9, 15)), (panel.Selection.From, panel.Selection.To));
        Assert.Equal("01/10/2026", page.Find("[data-testid=dashboard-period-from] input").GetAttribute("value"));
        Assert.True(UpdateButton(page).HasAttribute("disabled"));

        page.Find("[data-testid=dashboard-period-to] input").Change("30/11/2026");

        page.WaitForAssertion(() => Assert.DoesNotContain("The period ends before it starts", page.Markup, StringComparison.Ordinal));
        Assert.False(UpdateButton(page).HasAttribute("disabled"));
    }

    private static AngleSharp.Dom.IElement UpdateButton(IRenderedComponent<DashboardPage> page) =>
        page.FindAll("button").Single(b => b.TextContent.Contains("Update the dashboard", StringComparison.Ordinal));

    private IRenderedComponent<DashboardPage> Render(int accountId)
    {
        _context.ActAsSystem(accountId);
        _context.Render<MudPopoverProvider>();
        return _context.Render<DashboardPage>();
    }
}
