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

/// <summary>The grading screen's keys: number keys, Enter, J/K, Ctrl+S, and the comment keeping its keys to itself.</summary>
public sealed class GradingKeyboardTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private BunitContext _context = default!;
    private Account _account = default!;
    private Registration _test = default!;

    public async Task InitializeAsync()
    {
        var world = new WorldBuilder(database);
        var people = new GradingBuilder(database);
        _account = await world.AccountAsync();
        var grader = await people.AdministratorAsync(_account, "Gaston Grader", Privileges.Grader);
        var subject = await world.SubjectAsync("Python", essays: 2);
        await using (var db = database.CreateDbContext(null))
        {
            // The second question is marked out of 20: two digits make one grade there.
            await db.Questions.Where(q => q.SubjectId == subject.Id && q.Text == "Essay 2").ExecuteUpdateAsync(q => q.SetProperty(x => x.MaxPoints, 20));
        }

        _test = await people.PendingTestAsync(await world.CandidateAsync(await world.GroupAsync(_account), "Zoé", "Lefèvre"), subject, grader: grader);
        _context = ComponentContext.Create(database).ActAs(grader);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
    }

    [Fact]
    public async Task ANumberKeyOnAQuestionGivesThatManyPointsAndTheLegendSaysSo()
    {
        var page = RenderPage();

        await Question(page, 1).KeyDownAsync(new KeyboardEventArgs { Key = "4" });
        Assert.Equal("4", GradeInput(page, 1).GetAttribute("value"));

        // Out of 5, a second digit cannot make 43: it starts a new grade.
        await Question(page, 1).KeyDownAsync(new KeyboardEventArgs { Key = "3" });
        Assert.Equal("3", GradeInput(page, 1).GetAttribute("value"));

        // Above the maximum: the grade is shown with the reason it cannot be confirmed.
        await Question(page, 1).KeyDownAsync(new KeyboardEventArgs { Key = "7" });
        Assert.Equal("7", GradeInput(page, 1).GetAttribute("value"));
        Assert.Contains("Enter a grade between 0 and 5.", Question(page, 1).TextContent, StringComparison.Ordinal);

        var legend = page.Find("[role=note]").TextContent;
        Assert.Contains("0–9", legend, StringComparison.Ordinal);
        Assert.Contains("1 then 2 gives 12", legend, StringComparison.Ordinal);
        Assert.Contains("Ctrl+S", legend, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoDigitsMakeOneGradeWhenTheMaximumAllowsIt()
    {
        var page = RenderPage();

        await Question(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "1" });
        await Question(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "2" });
        Assert.Equal("12", GradeInput(page, 2).GetAttribute("value"));

        // 125 is over 20: the 5 starts again.
        await Question(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "5" });
        Assert.Equal("5", GradeInput(page, 2).GetAttribute("value"));

        await Question(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "Backspace" });
        Assert.Equal("", GradeInput(page, 2).GetAttribute("value") ?? "");
        await Question(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "1" });
        await Question(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "0" });
        Assert.Equal("10", GradeInput(page, 2).GetAttribute("value"));
    }

    [Fact]
    public async Task EnterOnAQuestionConfirmsItAndMovesToTheNextQuestion()
    {
        var page = RenderPage();

        await Question(page, 1).KeyDownAsync(new KeyboardEventArgs { Key = "4" });
        await Question(page, 1).KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() => Assert.Contains("1 of 2 confirmed", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Confirmed", Question(page, 1).TextContent, StringComparison.Ordinal);
        Assert.Equal(QuestionElementOf(page, 2), LastFocused());
        await using var db = database.CreateDbContext(_account.Id);
        var confirmed = await db.Responses.Where(r => r.RegistrationId == _test.Id && r.GradeConfirmed).SingleAsync();
        Assert.Equal(4.0, confirmed.Points);
    }

    [Fact]
    public async Task JAndKMoveToTheNextAndThePreviousQuestion()
    {
        var page = RenderPage();

        await Question(page, 1).KeyDownAsync(new KeyboardEventArgs { Key = "j" });
        Assert.Equal(QuestionElementOf(page, 2), LastFocused());

        await Question(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "k" });
        Assert.Equal(QuestionElementOf(page, 1), LastFocused());

        // Past the last question J does nothing, and no grade was given on the way.
        var before = FocusCalls();
        await Question(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "J" });
        Assert.Equal(before, FocusCalls());
        Assert.Contains("0 of 2 confirmed", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlSSavesTheWholeSetOnceEveryQuestionIsConfirmedEvenFromTheComment()
    {
        var page = RenderPage();
        var snackbar = _context.Services.GetRequiredService<ISnackbar>();

        // Too early: it says what is missing and saves nothing.
        await Question(page, 1).KeyDownAsync(new KeyboardEventArgs { Key = "s", CtrlKey = true });
        page.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => s.Message?.Contains("0 of 2 questions are confirmed", StringComparison.Ordinal) == true));

        await Question(page, 1).KeyDownAsync(new KeyboardEventArgs { Key = "4" });
        await Question(page, 1).KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        page.WaitForAssertion(() => Assert.Contains("1 of 2 confirmed", page.Markup, StringComparison.Ordinal));
        await Question(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "1" });
        await Question(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "5" });
        await Question(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        page.WaitForAssertion(() => Assert.Contains("2 of 2 confirmed", page.Markup, StringComparison.Ordinal));

        await Comment(page, 2).KeyDownAsync(new KeyboardEventArgs { Key = "s", CtrlKey = true });

        var navigation = _context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith($"/results?q={_test.Id}", navigation.Uri, StringComparison.Ordinal));
        await using var db = database.CreateDbContext(_account.Id);
        var saved = await db.Registrations.Include(r => r.Responses).SingleAsync(r => r.Id == _test.Id);
        Assert.Equal(RegistrationStatus.Completed, saved.Status);
        Assert.Contains(saved.Responses, r => r.Points == 15);
        Assert.Contains(snackbar.ShownSnackbars, s => s.Message?.StartsWith("Grading saved: Zoé Lefèvre scored", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task KeysTypedInTheCommentTypeTextAndTriggerNoShortcut()
    {
        var page = RenderPage();
        var before = FocusCalls();

        foreach (var key in new[] { "4", "j", "k", "Enter", "Backspace" })
        {
            await Comment(page, 1).KeyDownAsync(new KeyboardEventArgs { Key = key });
        }

        Comment(page, 1).Input("4 j k");
        Assert.Equal("", GradeInput(page, 1).GetAttribute("value") ?? "");
        Assert.Contains("0 of 2 confirmed", page.Markup, StringComparison.Ordinal);
        Assert.Equal(before, FocusCalls());
        Assert.Equal("4 j k", Comment(page, 1).GetAttribute("value") ?? Comment(page, 1).TextContent);
    }

    private IRenderedComponent<IComponent> RenderPage() => GradingScreen.Render(_context, _test.Id, questions: 2);

    private int FocusCalls() => _context.JSInterop.Invocations["Blazor._internal.domWrapper.focus"].Count;

    private string LastFocused() => ((ElementReference)_context.JSInterop.Invocations["Blazor._internal.domWrapper.focus"][^1].Arguments[0]!).Id;

    private static string QuestionElementOf(IRenderedComponent<IComponent> page, int number) =>
        page.FindComponents<GradingQuestionCard>()[number - 1].Instance.QuestionElement.Id;
}
