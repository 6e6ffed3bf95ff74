using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Results;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Results;

public sealed partial class ResultsGrid
{
    private MudDataGrid<ResultRow>? _grid;

    /// <summary>The MudDataGrid instance on screen (the grid is keyed by it) and the view it opened at.</summary>
    private GridInstance _instance = new(ResultsViewState.Default);

    /// <summary>The view the grid shows (or is loading): a <see cref="View"/> equal to it needs no reload.</summary>
    private ResultsViewState? _shown;

    private HashSet<ResultRow> _selection = new(RowIdComparer.Instance);
    private HashSet<int> _highlighted = [];
    private int? _total;

    /// <summary>The count stopped at <see cref="ResultsPage.CountCap"/> ("10,000+ results") until the user asks for the exact one.</summary>
    private bool _totalIsLowerBound;
    private bool _countExactly;

    /// <summary>The page on screen: the next or previous page is read from its first or last row.</summary>
    private ResultsPageBounds? _bounds;
    private string? _error;

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

    private ResultsFilter Filter => (_shown ?? View).Filter;

    private bool ShowsGrader => Filter.Status == RegistrationStatus.PendingGrading;

    private string TotalText => (_total, _totalIsLowerBound) switch
    {
        (null, _) => L["LoadingTotal"],
        (_, true) => L["CountCapped", ResultsPage.CountCap.ToString("N0", CultureInfo.CurrentCulture)],
        (1, _) => L["CountOne"],
        ({ } n, _) => L["Count", n.ToString("N0", CultureInfo.CurrentCulture)],
    };

    /// <summary>Past a capped count the pager says "of 10,000+"; otherwise MudBlazor's own text with the exact total.</summary>
    private string? PagerInfoFormat => !_totalIsLowerBound ? null
        : L["PagerCapped", ResultsPage.CountCap.ToString("N0", CultureInfo.CurrentCulture)].Value;

    private static int[] PageSizeOptions { get; } = [.. ResultsGridPosition.PageSizes];

    /// <summary>Reloads the current page keeping filter, sort, page and selection (after a grading, a cancellation…).</summary>
    public Task ReloadAsync() => _grid?.ReloadServerData() ?? Task.CompletedTask;

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(SelectedRows, _selection))
        {
            _selection = new HashSet<ResultRow>(SelectedRows, RowIdComparer.Instance);
        }

        if (View == _shown)
        {
            return;
        }

        // The URL moved the view (filter panel, back button, shared link): a fresh grid opens at that position.
        if (_shown is not null && View.Filter != _shown.Filter)
        {
            _countExactly = false;
            if (_selection.Count > 0)
            {
                _selection = new HashSet<ResultRow>(RowIdComparer.Instance);
                _ = SelectedRowsChanged.InvokeAsync(_selection);
            }
        }

        _shown = View;
        _instance = new GridInstance(View);
        _total = null;
        _totalIsLowerBound = false;
    }

    /// <summary>A column's initial sort arrow, from the view the grid opened at.</summary>
    private SortDirection InitialDirection(string propertyName) =>
        _instance.Opened.Position is var opened && opened.SortKey != ResultsSortKeys.OfProperty(propertyName) ? SortDirection.None
        : opened.Descending ? SortDirection.Descending : SortDirection.Ascending;

    private async Task<GridData<ResultRow>> LoadAsync(GridState<ResultRow> state, CancellationToken cancellationToken)
    {
        var view = ViewOf(state);
        var live = _liveReload && view == _shown;
        _liveReload = false;
        try
        {
            var request = view.ToRequest() with { From = _bounds, ExactCount = _countExactly };
            var page = live
                ? await SharedPages.GetPageAsync(Query, Scope, request, cancellationToken)
                : await Query.GetPageAsync(request, cancellationToken);
            if (_error is not null)
            {
                _error = null;
                StateHasChanged();
            }

            _total = page.TotalCount;
            _totalIsLowerBound = page.TotalIsLowerBound;
            _bounds = page.Bounds;
            if (view != _shown)
            {
                _shown = view;
                await ViewChanged.InvokeAsync(view);
            }

            return new GridData<ResultRow> { Items = page.Rows, TotalItems = page.TotalCount };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (PrivilegeException ex)
        {
            Logger.LogWarning(ex, "Results refused: the visitor has no account scope or privilege");
            _error = L["NoAccess"];
        }
#pragma warning disable CA1031 // Any failure of the database must become a message, not a broken circuit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading the Results grid failed");
            _error = L["ResultsUnavailable"];
        }

        // The alert sits outside the grid, which is all that re-renders after a load.
        _total = 0;
        _totalIsLowerBound = false;
        _bounds = null;
        StateHasChanged();
        return new GridData<ResultRow> { Items = [], TotalItems = 0 };
    }

    /// <summary>
    /// The view a load of the grid asks for: its filter, the sort of the clicked column (a property column sorts by its
    /// property's key), the page and page size. A fresh grid's initial sort sends it to the first page, so its first load
    /// takes the page it opened at instead.
    /// </summary>
    private ResultsViewState ViewOf(GridState<ResultRow> state)
    {
        var page = state.Page;
        if (!_instance.Loaded)
        {
            _instance.Loaded = true;
            page = _instance.Opened.Position.Page;
            if (_instance.Page != page)
            {
                _instance.Page = page;
                StateHasChanged();
            }
        }

        var sort = state.SortDefinitions.FirstOrDefault();
        var defaults = ResultsGridPosition.Default;
        var position = ResultsSortKeys.OfProperty(sort?.SortBy) is { } sortKey
            ? new ResultsGridPosition(sortKey, sort!.Descending, page, state.PageSize)
            : defaults with { Page = page, PageSize = state.PageSize };
        return new ResultsViewState(_instance.Opened.Filter, position);
    }

    private RowActions ActionsFor(ResultRow row) => RowActionPolicy.For(row, Scope.Privileges, Scope.AdministratorId);

    private string RowClass(ResultRow row, int index) => _highlighted.Contains(row.Id) ? "row-changed" : "";

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

    private Task ClearSelectionAsync(MudChip<string> chip) => OnSelectionChangedAsync(new HashSet<ResultRow>(RowIdComparer.Instance));
}
