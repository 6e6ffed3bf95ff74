using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Results;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Results;

public sealed partial class ResultsGrid
{
    /// <summary>What the live refresh (ResultsGrid.Live.cs) reloads through (it reloaded MudDataGrid's server data before).</summary>
    private readonly Reloader _grid;

    /// <summary>The view on screen (or loading): what the user last asked for, sort arrows and pager included.</summary>
    private ResultsViewState? _view;

    /// <summary>The view the URL carries: a <see cref="View"/> equal to it needs no reload.</summary>
    private ResultsViewState? _shown;

    private IReadOnlyList<ResultRow> _rows = [];
    private bool _loading;
    private CancellationTokenSource? _load;
    private HashSet<ResultRow> _selection = new(RowIdComparer.Instance);
    private HashSet<int> _highlighted = [];
    private int? _total;

    /// <summary>The count stopped at <see cref="ResultsPage.CountCap"/> ("10,000+ results") until the user asks for the exact one.</summary>
    private bool _totalIsLowerBound;
    private bool _countExactly;

    /// <summary>The page on screen: the next or previous page is read from its first or last row.</summary>
    private ResultsPageBounds? _bounds;
    private string? _error;

    public ResultsGrid() => _grid = new Reloader(this);

    [Inject] private IResultsQuery Query { get; set; } = default!;
    [Inject] private IAccountFeed<ResultsChange> Feed { get; set; } = default!;
    [Inject] private SharedResultsPages SharedPages { get; set; } = default!;
    [Inject] private AccountScope Scope { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<ResultsGrid> Logger { get; set; } = default!;

    /// <summary>The URL's view: its filter (plus a preset's own criteria) and the grid's position in it.</summary>
    [Parameter, EditorRequired] public required ResultsViewState View { get; set; }

    /// <summary>The user sorted, paged or changed the page size: the page puts the new position in the URL.</summary>
    [Parameter] public EventCallback<ResultsViewState> ViewChanged { get; set; }

    /// <summary>Row checkboxes: only for an administrator who has an action on selected rows.</summary>
    [Parameter] public bool Selectable { get; set; }

    /// <summary>Tests in progress: elapsed time and questions answered.</summary>
    [Parameter] public bool ShowProgress { get; set; }

    [Parameter] public IReadOnlyCollection<ResultRow> SelectedRows { get; set; } = [];

    [Parameter] public EventCallback<IReadOnlyCollection<ResultRow>> SelectedRowsChanged { get; set; }

    [Parameter] public EventCallback<ResultRow> OnAssignGrader { get; set; }

    [Parameter] public EventCallback<ResultRow> OnCancel { get; set; }

    [Parameter] public EventCallback OnReset { get; set; }

    /// <summary>Extra buttons in the grid's toolbar (bulk actions over the selection).</summary>
    [Parameter] public RenderFragment? ToolbarActions { get; set; }

    private ResultsFilter Filter => (_view ?? View).Filter;

    private ResultsGridPosition Position => (_view ?? View).Position;

    private bool ShowsGrader => Filter.Status == RegistrationStatus.PendingGrading;

    private string TotalText => (_total, _totalIsLowerBound) switch
    {
        (null, _) => L["LoadingTotal"],
        (_, true) => L["CountCapped", ResultsPage.CountCap.ToString("N0", CultureInfo.CurrentCulture)],
        (1, _) => L["CountOne"],
        ({ } n, _) => L["Count", n.ToString("N0", CultureInfo.CurrentCulture)],
    };

    /// <summary>A header: its title, the sort key it orders by (null: not sortable) and its width class.</summary>
    private sealed record Column(string Title, string? SortKey, string Class);

    private IEnumerable<Column> Columns
    {
        get
        {
            yield return new(L["ColumnId"], ResultsSortKeys.Id, "col-id");
            yield return new(L["ColumnGroup"], ResultsSortKeys.Group, "col-group");
            yield return new(L["ColumnName"], ResultsSortKeys.Name, "col-name");
            yield return new(L["ColumnTest"], ResultsSortKeys.Test, "col-test");
            if (ShowsGrader)
            {
                yield return new(L["ColumnGrader"], null, "col-result");
            }
            else if (!ShowProgress)
            {
                // Every test in progress has no result yet: the progress columns take its place.
                yield return new(L["ColumnResult"], ResultsSortKeys.Result, "col-result");
            }

            if (ShowProgress)
            {
                yield return new(L["ColumnElapsed"], ResultsSortKeys.StartedAt, "col-elapsed");
                yield return new(L["ColumnAnswered"], null, "col-answered");
            }

            yield return new(L["ColumnProtocol"], null, "col-protocol");
            yield return new(L["ColumnActions"], null, "col-actions");
        }
    }

    private int ColumnCount => Columns.Count() + (Selectable ? 1 : 0);

    /// <summary>The select-all box: every row of the page selected, none, or (null) some.</summary>
    private bool? PageSelection =>
        _rows.Count == 0 || !_rows.Any(_selection.Contains) ? false
        : _rows.All(_selection.Contains) ? true
        : null;

    /// <summary>Reloads the current page keeping filter, sort, page and selection (after a grading, a cancellation…).</summary>
    public Task ReloadAsync() => _view is { } view ? LoadAsync(view) : Task.CompletedTask;

    protected override Task OnParametersSetAsync()
    {
        if (!ReferenceEquals(SelectedRows, _selection))
        {
            _selection = new HashSet<ResultRow>(SelectedRows, RowIdComparer.Instance);
        }

        if (View == _shown)
        {
            return Task.CompletedTask;
        }

        // The URL moved the view (filter panel, back button, shared link): the grid shows that position.
        if (_shown is not null && View.Filter != _shown.Filter)
        {
            _countExactly = false;
            _total = null;
            _totalIsLowerBound = false;
            if (_selection.Count > 0)
            {
                _selection = new HashSet<ResultRow>(RowIdComparer.Instance);
                _ = SelectedRowsChanged.InvokeAsync(_selection);
            }
        }

        _shown = View;
        _view = View;

        // The prerender pass is thrown away: only the interactive circuit queries.
        return RendererInfo.IsInteractive ? LoadAsync(View) : Task.CompletedTask;
    }

    /// <summary>
    /// Loads a view's page (the account's shared page for a live reload of the view on screen). A newer load cancels an
    /// older one; a failure of the database becomes a message instead of rows. False when the page did not load.
    /// </summary>
    private async Task<bool> LoadAsync(ResultsViewState view)
    {
        var live = _liveReload && view == _view;
        _liveReload = false;
        if (_load is { } previous)
        {
            await previous.CancelAsync();
        }

        using var load = _load = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        _view = view;
        _loading = true;
        try
        {
            var request = view.ToRequest() with { From = _bounds, ExactCount = _countExactly };
            var page = live
                ? await SharedPages.GetPageAsync(Query, Scope, request, load.Token)
                : await Query.GetPageAsync(request, load.Token);
            (_rows, _total, _totalIsLowerBound, _bounds, _error) = (page.Rows, page.TotalCount, page.TotalIsLowerBound, page.Bounds, null);
            return true;
        }
        catch (OperationCanceledException) when (load.IsCancellationRequested)
        {
            // A newer load (or closing the page) took over.
            return false;
        }
        catch (PrivilegeException ex)
        {
            Logger.LogWarning(ex, "Results refused: the visitor has no account scope or privilege");
            ShowError(L["NoAccess"]);
        }
#pragma warning disable CA1031 // Any failure of the database must become a message, not a broken circuit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading the Results grid failed");
            ShowError(L["ResultsUnavailable"]);
        }
        finally
        {
            if (ReferenceEquals(_load, load))
            {
                _load = null;
                _loading = false;
                StateHasChanged();
            }
        }

        return false;
    }

    private void ShowError(string message) => (_rows, _total, _totalIsLowerBound, _bounds, _error) = ([], 0, false, null, message);

    /// <summary>The user moved the grid: it shows the new position, and the page puts it in the URL once loaded.</summary>
    private async Task MoveToAsync(ResultsGridPosition position)
    {
        var view = (_view ?? View) with { Position = position };
        if (await LoadAsync(view) && view != _shown)
        {
            _shown = view;
            await ViewChanged.InvokeAsync(view);
        }
    }

    /// <summary>A header's click: the sorted column turns round, another column sorts ascending from the first page.</summary>
    private Task SortByAsync(string key) =>
        MoveToAsync(Position with { SortKey = key, Descending = Position.SortKey == key && !Position.Descending, Page = 0 });

    private Task GoToPageAsync(int page) => MoveToAsync(Position with { Page = page });

    private Task ChangePageSizeAsync(int size) => MoveToAsync(Position with { Page = 0, PageSize = size });

    private RowActions ActionsFor(ResultRow row) => RowActionPolicy.For(row, Scope.Privileges, Scope.AdministratorId);

    private string Elapsed(ResultRow row)
    {
        if (row.StartedAt is not { } started)
        {
            return "—";
        }

        var elapsed = (row.CompletedAt ?? Time.GetUtcNow()) - started;
        return elapsed < TimeSpan.Zero ? "0 min"
            : elapsed.TotalHours >= 1 ? string.Create(CultureInfo.CurrentCulture, $"{(int)elapsed.TotalHours} h {elapsed.Minutes:00} min")
            : string.Create(CultureInfo.CurrentCulture, $"{(int)elapsed.TotalMinutes} min");
    }

    private static string Answered(ResultRow row) => row.AnsweredCount.ToString(CultureInfo.CurrentCulture);

    private Task OnRowCheckedAsync(ResultRow row, ChangeEventArgs e)
    {
        var selection = new HashSet<ResultRow>(_selection, RowIdComparer.Instance);
        if (e.Value is true)
        {
            selection.Add(row);
        }
        else
        {
            selection.Remove(row);
        }

        return OnSelectionChangedAsync(selection);
    }

    /// <summary>Select-all ticks every row of the page; unticking it clears the selection (as MudDataGrid did).</summary>
    private Task OnSelectAllChangedAsync(ChangeEventArgs e) =>
        OnSelectionChangedAsync(e.Value is true
            ? new HashSet<ResultRow>(_selection.Concat(_rows), RowIdComparer.Instance)
            : new HashSet<ResultRow>(RowIdComparer.Instance));

    private async Task OnSelectionChangedAsync(HashSet<ResultRow> selection)
    {
        _selection = selection;
        await SelectedRowsChanged.InvokeAsync(selection);
    }

    private Task CountExactlyAsync()
    {
        _countExactly = true;
        return ReloadAsync();
    }

    private Task ClearSelectionAsync(MudBlazor.MudChip<string> chip) => OnSelectionChangedAsync(new HashSet<ResultRow>(RowIdComparer.Instance));

    /// <summary>Reloads the page on screen for the live refresh, under the name MudDataGrid gave it.</summary>
    private sealed class Reloader(ResultsGrid grid)
    {
        public Task ReloadServerData() => grid.ReloadAsync();
    }
}
