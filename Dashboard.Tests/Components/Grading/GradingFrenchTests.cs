using AngleSharp.Html.Parser;
using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Tests.Components.Localization;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Grading;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Grading;

/// <summary>
/// The grading queue, the grading screen (legend, a refused grade) and the assign-graders dialog rendered under fr-FR
/// show no English resource text (H16a's <see cref="FrenchHarness"/>), and say the French words.
/// </summary>
public sealed class GradingFrenchTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private BunitContext _context = default!;
    private Registration _test = default!;

    public async Task InitializeAsync()
    {
        var world = new WorldBuilder(database);
        var people = new GradingBuilder(database);
        var account = await world.AccountAsync();
        // A name that is no English word of the interface ("Grader" is the Results grid's column).
        var grader = await people.AdministratorAsync(account, "Gaston Lecomte", Privileges.Grader);
        var subject = await world.SubjectAsync("Python", essays: 2);
        _test = await people.PendingTestAsync(await world.CandidateAsync(await world.GroupAsync(account), "Zoé", "Lefèvre"), subject,
            completedAt: database.Time.GetUtcNow().AddHours(-3), grader: grader);
        _context = ComponentContext.Create(database).ActAs(grader);
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void TheGradingQueueIsInFrench()
    {
        using var french = FrenchHarness.French();
        var page = _context.Render<GradingQueuePage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));

        Assert.Contains("Ma file de correction", page.Markup, StringComparison.Ordinal);
        Assert.Contains("3 h 0 min", page.Markup, StringComparison.Ordinal);
        AssertFrench(page.Markup);
    }

    [Fact]
    public async Task TheGradingScreenWithItsLegendAndARefusedGradeIsInFrench()
    {
        using var french = FrenchHarness.French();
        var page = _context.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<GradePage>(1);
            builder.AddAttribute(2, nameof(GradePage.Id), _test.Id);
            builder.CloseComponent();
        });
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("section[aria-label='Question 1'] input")));
        await page.Find("section[aria-label='Question 1']").KeyDownAsync(new KeyboardEventArgs { Key = "7" });

        Assert.Contains("Saisissez une note entre 0 et 5.", page.Markup, StringComparison.Ordinal);
        Assert.Contains("confirme la question et passe à la suivante", page.Markup, StringComparison.Ordinal);
        Assert.Contains("0 sur 2 confirmées", page.Markup, StringComparison.Ordinal);
        AssertFrench(page.Markup);
    }

    [Fact]
    public async Task TheAssignGradersDialogIsInFrench()
    {
        using var french = FrenchHarness.French();
        var provider = _context.Render<MudDialogProvider>();
        var dialogs = _context.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => { _ = AssignGradersDialog.ShowAsync(dialogs, [_test.Id]); });
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("label.mud-checkbox")));

        Assert.Contains("Attribuer 1 test à des correcteurs", provider.Markup, StringComparison.Ordinal);
        Assert.Contains("Choisissez au moins un correcteur.", provider.Markup, StringComparison.Ordinal);
        AssertFrench(provider.Markup);
    }

    private static void AssertFrench(string markup)
    {
        var leftovers = FrenchHarness.EnglishLeftovers(WithoutTestData(markup));
        Assert.True(leftovers.Count == 0, "English left in the French page: " + string.Join(" | ", leftovers));
    }

    /// <summary>The markup without the test's own data (the question texts "Essay 1", the candidate's answers): not interface text.</summary>
    private static string WithoutTestData(string markup)
    {
        var document = new HtmlParser().ParseDocument($"<html><body>{markup}</body></html>");
        foreach (var data in document.QuerySelectorAll(".question-text, .essay-answer, .code-answer").ToList())
        {
            data.Remove();
        }

        return document.Body!.InnerHtml;
    }
}
