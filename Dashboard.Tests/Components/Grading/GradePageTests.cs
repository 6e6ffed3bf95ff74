using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Grading;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Dashboard.Tests.Components.Grading.GradingScreen;

namespace Dashboard.Tests.Components.Grading;

public sealed class GradePageTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private BunitContext _context = default!;
    private Account _account = default!;
    private Administrator _grader = default!;
    private Registration _test = default!;

    public async Task InitializeAsync()
    {
        var world = new WorldBuilder(database);
        var people = new GradingBuilder(database);
        _account = await world.AccountAsync();
        _grader = await people.AdministratorAsync(_account, "Gaston Grader", Privileges.Grader);
        var subject = await world.SubjectAsync("Python", essays: 2);
        _test = await people.PendingTestAsync(await world.CandidateAsync(await world.GroupAsync(_account), "Zoé", "Lefèvre"), subject, grader: _grader);
        _context = ComponentContext.Create(database).ActAs(_grader);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
    }

    [Fact]
    public async Task AGradeAboveTheMaximumShowsAClearMessageAndIsNotConfirmed()
    {
        var page = RenderPage();

        GradeInput(page, 1).Input("7");
        page.Find("section[aria-label='Question 1'] button.mud-button-filled").Click();

        page.WaitForAssertion(() => Assert.Contains("Enter a grade between 0 and 5.", Question(page, 1).TextContent, StringComparison.Ordinal));
        Assert.Contains("0 of 2 confirmed", page.Markup, StringComparison.Ordinal);
        await using var db = database.CreateDbContext(_account.Id);
        Assert.False(await db.Responses.AnyAsync(r => r.RegistrationId == _test.Id && r.GradeConfirmed));
    }

    [Fact]
    public async Task EnterConfirmsTheQuestionShowsProgressAndMovesToTheNextGrade()
    {
        var page = RenderPage();
        Assert.Contains("0 of 2 confirmed", page.Markup, StringComparison.Ordinal);

        GradeInput(page, 1).Input("4");
        await GradeInput(page, 1).KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() => Assert.Contains("1 of 2 confirmed", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Confirmed", Question(page, 1).TextContent, StringComparison.Ordinal);
        Assert.True(SaveButton(page).HasAttribute("disabled"));
        // The page first focused question 1 (ready for the keys); Enter in a grade field goes on to the next grade field.
        var focused = (ElementReference)_context.JSInterop.Invocations["Blazor._internal.domWrapper.focus"][^1].Arguments[0]!;
        Assert.Equal(GradeInput(page, 2).GetAttribute("blazor:elementReference"), focused.Id);
        await using var db = database.CreateDbContext(_account.Id);
        var draft = await db.Responses.Where(r => r.RegistrationId == _test.Id && r.GradeConfirmed).SingleAsync();
        Assert.Equal(4.0, draft.Points);
    }

    [Fact]
    public async Task ConfirmingEveryQuestionEnablesSavingWhichCompletesTheTestAndOpensTheResults()
    {
        var page = RenderPage();

        GradeInput(page, 1).Input("4");
        page.Find("section[aria-label='Question 1'] button.mud-button-filled").Click();
        page.WaitForAssertion(() => Assert.Contains("1 of 2 confirmed", page.Markup, StringComparison.Ordinal));
        GradeInput(page, 2).Input("2.5");
        page.Find("section[aria-label='Question 2'] textarea").Input("Works, but slow.");
        page.Find("section[aria-label='Question 2'] button.mud-button-filled").Click();
        page.WaitForAssertion(() => Assert.Contains("2 of 2 confirmed", page.Markup, StringComparison.Ordinal));
        Assert.False(SaveButton(page).HasAttribute("disabled"));

        SaveButton(page).Click();

        var navigation = _context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith($"/results?q={_test.Id}", navigation.Uri, StringComparison.Ordinal));
        await using var db = database.CreateDbContext(_account.Id);
        var saved = await db.Registrations.Include(r => r.Responses).SingleAsync(r => r.Id == _test.Id);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        // 6 choice points + 4 + 2.5 of 6 + 10 → 12.5 / 16 = 0.78125 → 1 + 999 × 0.78125 = 781.47 → 781.
        Assert.Equal(781.0, saved.Score);
        Assert.Contains(saved.Responses, r => r.GraderComment == "Works, but slow.");
    }

    [Fact]
    public async Task WhenSomeoneElseSavedMeanwhileTheConflictIsShownAndWhatWasTypedStays()
    {
        var page = RenderPage();
        await using (var other = database.CreateScope(_grader))
        {
            var grading = other.ServiceProvider.GetRequiredService<Dashboard.Core.Grading.GradingService>();
            var sheet = await grading.LoadAsync(_test.Id, CancellationToken.None);
            await grading.ConfirmAsync(_test.Id, sheet.Version, new Dashboard.Core.Grading.GradeInput(sheet.Questions[1].ResponseId, 1, "other tab"), CancellationToken.None);
        }

        GradeInput(page, 1).Input("4");
        page.Find("section[aria-label='Question 1'] textarea").Input("Well argued.");
        page.Find("section[aria-label='Question 1'] button.mud-button-filled").Click();

        page.WaitForAssertion(() => Assert.Contains("saved this test at 11:00:00 (Europe/Paris); your grades are kept on screen, reload to see theirs.", page.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Equal("4", GradeInput(page, 1).GetAttribute("value"));
        Assert.Equal("Well argued.", page.Find("section[aria-label='Question 1'] textarea").GetAttribute("value"));
        Assert.Contains("0 of 2 confirmed", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATestAssignedToSomeoneElseShowsAMessageAndNoForm()
    {
        var colleague = await new GradingBuilder(database).AdministratorAsync(_account, "Greta Grader", Privileges.Grader);
        await using var context = ComponentContext.Create(database).ActAs(colleague);

        var page = context.Render<GradePage>(p => p.Add(x => x.Id, _test.Id));

        page.WaitForAssertion(() => Assert.Contains("This test is assigned to Gaston Grader", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("input"));
        Assert.DoesNotContain("Save the grading", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherAccountsTestIsNotFound()
    {
        var page = _context.Render<GradePage>(p => p.Add(x => x.Id, 999_999));

        page.WaitForAssertion(() => Assert.Contains("Test 999999 was not found in your account.", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("input"));
    }

    [Fact]
    public void ARefusedGradeKeepsItsMessageAndWhatWasTypedWhenThePageIsRenderedAgain()
    {
        var page = RenderPage();
        GradeInput(page, 1).Input("7");
        Question(page, 1).QuerySelector("textarea")!.Input("Good structure");
        page.Find("section[aria-label='Question 1'] button.mud-button-filled").Click();
        page.WaitForAssertion(() => Assert.Contains("Enter a grade between 0 and 5.", Question(page, 1).TextContent, StringComparison.Ordinal));

        // The layout re-renders its page (sign-in state, privileges refresh): same test, nothing reloaded.
        page.FindComponent<GradePage>().Render(p => p.Add(x => x.Id, _test.Id));

        Assert.Equal("Enter a grade between 0 and 5.", Question(page, 1).QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal("7", GradeInput(page, 1).GetAttribute("value"));
        Assert.Equal("Good structure", Question(page, 1).QuerySelector("textarea")!.GetAttribute("value") ?? Question(page, 1).QuerySelector("textarea")!.TextContent);
        Assert.Contains("0 of 2 confirmed", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRefusedGradeMessageIsInFrenchForAFrenchInterface()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            var page = RenderPage();
            GradeInput(page, 1).Input("7");

            page.WaitForAssertion(() => Assert.Equal("Saisissez une note entre 0 et 5.", Question(page, 1).QuerySelector("[role=alert]")?.TextContent.Trim()));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task ACompletedTestSaysWhoGradedItAndWhenAndLinksItsAnalysis()
    {
        await using (var asGrader = database.CreateScope(_grader))
        {
            var grading = asGrader.ServiceProvider.GetRequiredService<Dashboard.Core.Grading.GradingService>();
            var sheet = await grading.LoadAsync(_test.Id, CancellationToken.None);
            var version = sheet.Version;
            foreach (var question in sheet.Questions)
            {
                version = await grading.ConfirmAsync(_test.Id, version, new Dashboard.Core.Grading.GradeInput(question.ResponseId, 4, null), CancellationToken.None);
            }

            await grading.SaveAsync(_test.Id, version, CancellationToken.None);
        }

        var colleague = await new GradingBuilder(database).AdministratorAsync(_account, "Greta Grader", Privileges.Grader);
        await using var context = ComponentContext.Create(database).ActAs(colleague);

        var page = context.Render<GradePage>(p => p.Add(x => x.Id, _test.Id));

        // 10:00 UTC is 11:00 in the account's Paris time.
        page.WaitForAssertion(() => Assert.Contains("This test is already graded: Gaston Grader graded it on 27 November 2026 at 11:00 (Europe/Paris).",
            page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("not assigned to you", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("assigned to Gaston", page.Markup, StringComparison.Ordinal);
        Assert.Single(page.FindAll($"a[href='results/analysis/{_test.Id}']"));
        Assert.Empty(page.FindAll("input"));
    }

    [Fact]
    public void CodeIsShownWithLineNumbersAndTheEssayAsText()
    {
        var page = RenderPage();

        var lines = page.FindAll("section[aria-label='Question 2'] pre .code-line");
        Assert.Equal(5, lines.Count);
        Assert.Equal("1def total(xs):", lines[0].TextContent);
        Assert.Equal(["1", "2", "3", "4", "5"], page.FindAll("section[aria-label='Question 2'] .line-number").Select(n => n.TextContent));
        Assert.StartsWith("Pivot tables", page.Find("section[aria-label='Question 1'] .essay-answer").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<IComponent> RenderPage() => GradingScreen.Render(_context, _test.Id, questions: 1);

    private static IElement SaveButton(IRenderedComponent<IComponent> page) =>
        page.FindAll("button").Single(b => b.TextContent.Contains("Save the grading", StringComparison.Ordinal));
}
