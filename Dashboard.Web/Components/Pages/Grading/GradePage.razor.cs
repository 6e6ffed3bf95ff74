using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Grading;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Grading;

public sealed partial class GradePage
{
    private readonly CancellationTokenSource _cancellation = new();
    private GradingSheet? _sheet;
    private AccountCalendar _calendar = AccountCalendar.Utc;
    private List<QuestionDraft> _drafts = [];
    private Guid _version;
    private string? _blocked;
    private bool _notFound;
    private string? _conflict;
    private bool _saving;
    private TestAlreadyGradedException? _graded;
    private int? _loadedId;
    private bool _focusFirst;
    private IJSObjectReference? _keys;

    [Inject] private GradingService Grading { get; set; } = default!;
    [Inject] private AccountCalendars Calendars { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private IStringLocalizer<GradingText> L { get; set; } = default!;

    [Parameter] public int Id { get; set; }

    private int Confirmed => _drafts.Count(d => d.Confirmed);

    private double Percent => _drafts.Count == 0 ? 100 : 100.0 * Confirmed / _drafts.Count;

    // Only a new test reloads: the layout re-rendering the page (sign-in state, privileges refresh) must not wipe
    // what the grader typed, nor the message under a refused grade.
    protected override Task OnParametersSetAsync() => _loadedId == Id ? Task.CompletedTask : ReloadAsync();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _keys = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Grading/GradePage.razor.js");
        }

        // A grader starts on the first question still to confirm, ready for the keys, without reaching for the mouse.
        if (_focusFirst && RendererInfo.IsInteractive && _drafts.FirstOrDefault(d => !d.Confirmed)?.Card is { } card)
        {
            _focusFirst = false;
            await card.FocusQuestionAsync();
        }
    }

    private async Task ReloadAsync()
    {
        _loadedId = Id;
        _graded = null;
        _calendar = await Calendars.CurrentAsync(_cancellation.Token);
        try
        {
            _sheet = await Grading.LoadAsync(Id, _cancellation.Token);
            _version = _sheet.Version;
            _drafts = [.. _sheet.Questions.Select((q, i) => new QuestionDraft(q, i + 1))];
            (_blocked, _notFound, _conflict, _focusFirst) = (null, false, null, true);
        }
        catch (TestAlreadyGradedException ex)
        {
            (_sheet, _blocked, _graded) = (null, null, ex);
        }
        catch (NotFoundException)
        {
            (_sheet, _blocked, _notFound) = (null, L["TestNotFound", Id], true);
            // A real 404 (and the app's not-found page), as for any other route to another account's test.
            Navigation.NotFound();
        }
        catch (Exception ex) when (ex is DomainRuleException or PrivilegeException)
        {
            (_sheet, _blocked, _notFound) = (null, ex.Message, false);
        }
    }

    private Task OnPageKeyDownAsync(KeyboardEventArgs e) => GradingQuestionCard.IsSave(e) ? SaveAsync() : Task.CompletedTask;

    /// <summary>J/K: the question numbered <paramref name="number"/> takes the focus; nothing happens past either end.</summary>
    private async Task MoveToAsync(int number)
    {
        if (number >= 1 && number <= _drafts.Count && _drafts[number - 1].Card is { } card)
        {
            await card.FocusQuestionAsync();
        }
    }

    private async Task ConfirmAsync(QuestionDraft draft)
    {
        if (!GradingService.IsValidGrade(draft.Points, draft.Question.MaxPoints) || draft.Points is not { } points)
        {
            draft.Problem = draft.Card?.Problem(draft.Question.MaxPoints);
            return;
        }

        draft.Problem = null;
        draft.Busy = true;
        try
        {
            _version = await Grading.ConfirmAsync(Id, _version, new GradeInput(draft.Question.ResponseId, points, draft.Comment), _cancellation.Token);
            draft.Confirmed = true;
            _conflict = null;
        }
        catch (GradingConflictException ex)
        {
            _conflict = ConflictText(ex);
            return;
        }
        catch (Exception ex) when (ex is DomainRuleException or NotFoundException or PrivilegeException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
            return;
        }
        finally
        {
            draft.Busy = false;
        }

        // Keyboard flow: Enter confirms and moves on to the next question still to confirm, in the grade field when
        // the grader typed there, on the question itself when they used its number keys.
        var next = _drafts.Skip(draft.Number).FirstOrDefault(d => !d.Confirmed);
        StateHasChanged();
        if (next?.Card is { } card)
        {
            await (draft.FocusField ? card.FocusAsync() : card.FocusQuestionAsync());
        }
    }

    private async Task SaveAsync()
    {
        if (_saving || _sheet is null)
        {
            return;
        }

        if (Confirmed < _drafts.Count)
        {
            // Ctrl+S before the end: say what is missing rather than nothing at all.
            Snackbar.Add(L["ConfirmBeforeSaving", Confirmed, _drafts.Count], Severity.Warning);
            return;
        }

        _saving = true;
        try
        {
            var outcome = await Grading.SaveAsync(Id, _version, _cancellation.Token);
            var score = outcome.Level is { } level
                ? $"{outcome.Score.ToString("0", CultureInfo.CurrentCulture)} ({Labels.For(level)})"
                : $"{outcome.Score.ToString("0.#", CultureInfo.CurrentCulture)} %";
            Snackbar.Add(L["GradingSaved", _sheet.CandidateName, score], Severity.Success);
            // The Results grid (h/ui) reads its search from "q".
            Navigation.NavigateTo($"results?q={Id}");
        }
        catch (GradingConflictException ex)
        {
            _conflict = ConflictText(ex);
        }
        catch (Exception ex) when (ex is DomainRuleException or NotFoundException or PrivilegeException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }

    private string ConflictText(GradingConflictException conflict) => conflict.SavedBy is { } by
        ? L["ConflictBy", by, conflict.SavedAtText]
        : L["Conflict", conflict.SavedAtText];

    private string GradedText(TestAlreadyGradedException graded)
    {
        var culture = CultureInfo.CurrentCulture;
        var when = graded.GradedAt is { } at
            ? L["GradedWhen", at.ToString("d MMMM yyyy", culture), at.ToString("HH:mm", culture), _calendar.ZoneName].Value
            : "";
        return graded.GradedBy is { } by ? L["AlreadyGradedBy", by, when] : L["AlreadyScored", when];
    }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        _cancellation.Dispose();
        if (_keys is not null)
        {
            try
            {
                await _keys.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
