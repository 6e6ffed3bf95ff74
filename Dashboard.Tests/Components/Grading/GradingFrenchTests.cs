using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Grading;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Grading;

/// <summary>
/// The grading queue, the grading screen (legend, validation) and the assign-graders dialog rendered under fr-FR
/// show none of the Grading pages' English texts: every English value of GradingText.resx is looked for in the
/// visible text and the labels, minus the keys listed below as the same in both languages.
/// </summary>
public sealed partial class GradingFrenchTests : IAsyncLifetime
{
    // Texts that read the same in French: "Test", "Action", "Question {0}", "Code", the keys' names, "{0} h {1} min"…
    private static readonly HashSet<string> SameInBothLanguages =
        ["ColumnTest", "ColumnAction", "QuestionNumber", "KindCode", "KeyDigits", "KeyNextPrevious", "KeySave", "OneTest", "ManyTests",
         "WaitingHours", "WaitingMinutes", "CountOf"];

    private static readonly string[] ReadAttributes = ["aria-label", "aria-description", "title", "placeholder"];

    private readonly TestDatabase _database = new();
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private BunitContext _context = default!;
    private Registration _test = default!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var world = new WorldBuilder(_database);
        var people = new GradingBuilder(_database);
        var account = await world.AccountAsync();
        var grader = await people.AdministratorAsync(account, "Gaston Grader", Privileges.Grader);
        var subject = await world.SubjectAsync("Python", essays: 2);
        _test = await people.PendingTestAsync(await world.CandidateAsync(await world.GroupAsync(account), "Zoé", "Lefèvre"), subject,
            completedAt: _database.Time.GetUtcNow().AddHours(-3), grader: grader);
        _context = GradingComponentHost.Create(_database, account, grader);
    }

    // Set in each test's own flow: a culture set in InitializeAsync does not reach the test method.
    private static void UseFrench() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");

    public async Task DisposeAsync()
    {
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
        await _context.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void TheGradingQueueIsInFrench()
    {
        UseFrench();
        var page = _context.Render<GradingQueuePage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));

        var text = VisibleText(page.Markup);
        Assert.Contains("Ma file de correction", text, StringComparison.Ordinal);
        Assert.Contains("3 h 0 min", text, StringComparison.Ordinal);
        AssertNoEnglish(text);
    }

    [Fact]
    public async Task TheGradingScreenWithItsLegendAndARefusedGradeIsInFrench()
    {
        UseFrench();
        var page = _context.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<GradePage>(1);
            builder.AddAttribute(2, nameof(GradePage.Id), _test.Id);
            builder.CloseComponent();
        });
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("section[aria-label='Question 1'] input")));
        await page.Find("section[aria-label='Question 1']").KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "7" });

        var text = VisibleText(page.Markup);
        Assert.Contains("Saisissez une note entre 0 et 5.", text, StringComparison.Ordinal);
        Assert.Contains("confirme la question et passe à la suivante", text, StringComparison.Ordinal);
        Assert.Contains("0 sur 2 confirmées", text, StringComparison.Ordinal);
        AssertNoEnglish(text);
    }

    [Fact]
    public async Task TheAssignGradersDialogIsInFrench()
    {
        UseFrench();
        var provider = _context.Render<MudDialogProvider>();
        var dialogs = _context.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => { _ = AssignGradersDialog.ShowAsync(dialogs, [_test.Id]); });
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll("label.mud-checkbox")));

        var text = VisibleText(provider.Markup);
        Assert.Contains("Attribuer 1 test à des correcteurs", text, StringComparison.Ordinal);
        Assert.Contains("Choisissez au moins un correcteur.", text, StringComparison.Ordinal);
        AssertNoEnglish(text);
    }

    /// <summary>The text a user reads or hears: the elements' text and their aria-label, title and placeholder attributes.</summary>
    private static string VisibleText(string markup)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(markup);
        // The test's own data (question texts "Essay 1", the candidate's answers) is not the interface's text.
        foreach (var data in document.QuerySelectorAll(".question-text, .essay-answer, .code-answer").ToList())
        {
            data.Remove();
        }

        var attributes = document.All.SelectMany(e => ReadAttributes.Select(e.GetAttribute))
            .Where(v => !string.IsNullOrEmpty(v));
        return string.Join("\n", attributes.Prepend(document.Body!.TextContent));
    }

    private static void AssertNoEnglish(string text)
    {
        var resources = new ResourceManager(typeof(GradingText));
        var french = resources.GetResourceSet(CultureInfo.GetCultureInfo("fr"), true, false)!;
        // A fragment that is a whole French text too ("Test") is French as well.
        var allFrench = french.Cast<DictionaryEntry>().Select(e => (string)e.Value!).ToHashSet();
        var found = resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!.Cast<DictionaryEntry>()
            .Where(e => !SameInBothLanguages.Contains((string)e.Key))
            // The fixed words around the arguments: "Grade {0} · {1}" is looked for as "Grade", as a whole word, unless the
            // French text of the same key has it too ("Question {0} of {1}…" / "Question {0} sur {1}…"), or it is a French text.
            .SelectMany(e => Placeholder().Split((string)e.Value!)
                .Select(part => (Key: (string)e.Key, Part: part.Trim(' ', ',', '.', ':', '·'), French: french.GetString((string)e.Key) ?? "")))
            .Where(p => p.Part.Length >= 4 && !p.French.Contains(p.Part, StringComparison.Ordinal) && !allFrench.Contains(p.Part)
                && Regex.IsMatch(text, $@"\b{Regex.Escape(p.Part)}\b"))
            .Select(p => $"{p.Key}: \"{p.Part}\"");
        Assert.Empty(found);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
