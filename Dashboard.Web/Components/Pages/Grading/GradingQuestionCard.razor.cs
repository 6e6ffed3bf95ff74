using System.Globalization;
using Dashboard.Core.Grading;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Grading;

public sealed partial class GradingQuestionCard
{
    private MudNumericField<double?>? _gradeField;
    private ElementReference _section;
    private string _typed = string.Empty;

    [Parameter, EditorRequired] public required QuestionDraft Draft { get; set; }

    /// <summary>How many questions the test has ("Question 2 of 5" for screen readers).</summary>
    [Parameter] public int Count { get; set; }

    [Parameter, EditorRequired] public EventCallback<QuestionDraft> OnConfirm { get; set; }

    /// <summary>J/K: the number of the question to move to (one after or before this one).</summary>
    [Parameter] public EventCallback<int> OnMove { get; set; }

    /// <summary>Ctrl+S typed inside the fields, which keep every other key to themselves.</summary>
    [Parameter] public EventCallback OnSave { get; set; }

    [Parameter] public bool Disabled { get; set; }

    /// <summary>The question's own element, which J/K and Enter focus (tests compare it with the focused element).</summary>
    internal ElementReference QuestionElement => _section;

    private string ProblemId => $"grade-problem-{Draft.Question.ResponseId}";

    /// <summary>Puts the cursor in this question's grade field (Enter in a grade field moves here from the previous question).</summary>
    public async Task FocusAsync()
    {
        if (_gradeField is not null)
        {
            await _gradeField.FocusAsync();
        }
    }

    /// <summary>Focuses the question itself, where the shortcut keys work (J/K and Enter on a question move here).</summary>
    public async Task FocusQuestionAsync()
    {
        _typed = string.Empty;
        await _section.FocusAsync();
    }

    internal static bool IsSave(KeyboardEventArgs e) => (e.CtrlKey || e.MetaKey) && e.Key is "s" or "S";

    private static IEnumerable<(string Line, int Number)> Lines(string code) =>
        code.ReplaceLineEndings("\n").Split('\n').Select((line, i) => (line, i + 1));

    // A change after confirming needs confirming again: what is on screen is what gets saved. The field also
    // reports its unchanged value on blur (Enter moves the focus on), which must not undo the confirmation.
    private Task OnPointsChangedAsync(double? points)
    {
        Draft.Confirmed &= points == Draft.Points;
        Draft.Points = points;
        Draft.Problem = GradingService.IsValidGrade(points, Draft.Question.MaxPoints) ? null : Problem(Draft.Question.MaxPoints);
        return Task.CompletedTask;
    }

    internal string Problem(double maxPoints) => L["GradeOutOfRange", maxPoints.ToString("0.##", CultureInfo.CurrentCulture)];

    private Task OnCommentChangedAsync(string? comment)
    {
        Draft.Confirmed &= (comment ?? "") == (Draft.Comment ?? "");
        Draft.Comment = comment;
        return Task.CompletedTask;
    }

    private async Task OnGradeKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or "NumpadEnter" && !Draft.Confirmed)
        {
            Draft.FocusField = true;
            await OnConfirm.InvokeAsync(Draft);
        }
    }

    // The fields stop every key from reaching the question's shortcuts; only Ctrl+S still saves from there.
    private Task OnFieldKeyDownAsync(KeyboardEventArgs e) => IsSave(e) ? OnSave.InvokeAsync() : Task.CompletedTask;

    private async Task OnQuestionKeyDownAsync(KeyboardEventArgs e)
    {
        // Ctrl+S is left to bubble up to the page, which saves from anywhere on it.
        if (Disabled || e.CtrlKey || e.AltKey || e.MetaKey)
        {
            return;
        }

        switch (e.Key)
        {
            case "Enter" or "NumpadEnter":
                _typed = string.Empty;
                Draft.FocusField = false;
                await (Draft.Confirmed ? OnMove.InvokeAsync(Draft.Number + 1) : OnConfirm.InvokeAsync(Draft));
                break;
            case "j" or "J":
                await OnMove.InvokeAsync(Draft.Number + 1);
                break;
            case "k" or "K":
                await OnMove.InvokeAsync(Draft.Number - 1);
                break;
            case "Backspace" or "Delete":
                _typed = string.Empty;
                await OnPointsChangedAsync(null);
                Draft.Problem = null;
                break;
            case [var digit] when char.IsAsciiDigit(digit):
                _typed = GradeDigits.Append(_typed, digit, Draft.Question.MaxPoints);
                await OnPointsChangedAsync(GradeDigits.Value(_typed));
                break;
        }
    }
}
