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
    /// <summary>A burst of feed events within this window is one reload (well inside the one-second promise).</summary>
    internal static readonly TimeSpan LiveDebounce = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan HighlightDuration = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan ElapsedRefresh = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _pendingLock = new();
    private HashSet<int> _pendingChanges = [];
    private bool _reloadScheduled;
    private IDisposable? _subscription;
    private ITimer? _elapsedTicker;
    private bool _live;

    private MudDataGrid<ResultRow>? _grid;
    private int _gridKey;
    private int _currentPage;
    private int _rowsPerPage = ResultsGridPosition.DefaultPageSize;
    private ResultsGridPosition _initialPosition = ResultsGridPosition.Default;

    /// <summary>The page a fresh grid must open at: its initial sort sends it to the first page, so the first load restores it.</summary>
    private int? _pendingPage;

    /// <summary>The filter and position the grid shows (or is loading): a parameter equal to them needs no reload.</summary>
    private ResultsFilter? _appliedFilter;
    private ResultsGridPosition? _gridPosition;

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
    [Inject] private AccountScope Scope { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<ResultsGrid> Logger { get; set; } = default!;

    /// <summary>The filter applied (the URL's, plus a preset's own criteria).</summary>
    [Parameter, EditorRequired] public required ResultsFilter Filter { get; set; }

    [Parameter, EditorRequired] public required ResultsGridPosition Position { get; set; }

    /// <summary>The user sorted, paged or changed the page size: the page puts it in the URL.</summary>
    [Parameter] public EventCallback<ResultsGridPosition> PositionChanged { get; set; }

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

    protected override void OnInitialized()
    {
        // Only the interactive circuit listens; the prerender pass is thrown away.
        if (RendererInfo.IsInteractive && Scope.AccountId is { } accountId)
        {
            _subscription = Feed.Subscribe(accountId, OnResultsChangedAsync);
            _live = true;
        }

        if (RendererInfo.IsInteractive && ShowProgress)
        {
            // Elapsed times move on even when no sitting event arrives.
            _elapsedTicker = Time.CreateTimer(_ => _ = InvokeAsync(StateHasChanged), null, ElapsedRefresh, ElapsedRefresh);
        }
    }

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(SelectedRows, _selection))
        {
            _selection = new HashSet<ResultRow>(SelectedRows, RowIdComparer.Instance);
        }

        if (Filter == _appliedFilter && Position == _gridPosition)
        {
            return;
        }

        if (Filter != _appliedFilter)
        {
            _countExactly = false;
        }

        // The URL moved the view (filter panel, back button, shared link): start a fresh grid at that position.
        if (_appliedFilter is not null && Filter != _appliedFilter && _selection.Count > 0)
        {
            _selection = new HashSet<ResultRow>(RowIdComparer.Instance);
            _ = SelectedRowsChanged.InvokeAsync(_selection);
        }

        _appliedFilter = Filter;
        _gridPosition = Position;
        _initialPosition = Position;
        _currentPage = Position.Page;
        _pendingPage = Position.Page > 0 ? Position.Page : null;
        _rowsPerPage = Position.PageSize;
        _total = null;
        _totalIsLowerBound = false;
        _gridKey++;
    }

    private SortDirection InitialDirection(string sortKey) =>
        _initialPosition.SortKey != sortKey ? SortDirection.None
        : _initialPosition.Descending ? SortDirection.Descending : SortDirection.Ascending;

    private async Task<GridData<ResultRow>> LoadAsync(GridState<ResultRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var sortKey = sort is null ? null : SortKeyOf(sort.SortBy);
        var pageIndex = state.Page;
        if (_pendingPage is { } wanted)
        {
            _pendingPage = null;
            if (wanted != pageIndex)
            {
                pageIndex = wanted;
                _currentPage = wanted;
                StateHasChanged();
            }
        }

        var position = sortKey is null
            ? new ResultsGridPosition(ResultsGridPosition.Default.SortKey, ResultsGridPosition.Default.Descending, pageIndex, state.PageSize)
            : new ResultsGridPosition(sortKey, sort!.Descending, pageIndex, state.PageSize);
        var filter = Filter;
        try
        {
            var page = await Query.GetPageAsync(
                new ResultsPageRequest(filter, position.SortKey, position.Descending, position.Page, position.PageSize)
                {
                    From = _bounds,
                    ExactCount = _countExactly,
                },
                cancellationToken);
            if (_error is not null)
            {
                _error = null;
                StateHasChanged();
            }

            _total = page.TotalCount;
            _totalIsLowerBound = page.TotalIsLowerBound;
            _bounds = page.Bounds;
            if (position != _gridPosition)
            {
                _gridPosition = position;
                await PositionChanged.InvokeAsync(position);
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

    /// <summary>Grid columns are property columns; their property names map to the query's whitelisted sort keys.</summary>
    internal static string? SortKeyOf(string? propertyName) => propertyName switch
    {
        nameof(ResultRow.Id) => ResultsSortKeys.Id,
        nameof(ResultRow.GroupName) => ResultsSortKeys.Group,
        nameof(ResultRow.LastName) => ResultsSortKeys.Name,
        nameof(ResultRow.SubjectName) => ResultsSortKeys.Test,
        nameof(ResultRow.Score) => ResultsSortKeys.Result,
        nameof(ResultRow.Status) => ResultsSortKeys.Status,
        nameof(ResultRow.StartedAt) => ResultsSortKeys.StartedAt,
        nameof(ResultRow.CompletedAt) => ResultsSortKeys.CompletedAt,
        _ => null,
    };

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

    private Task OnResultsChangedAsync(ResultsChange change)
    {
        lock (_pendingLock)
        {
            _pendingChanges.Add(change.RegistrationId);
            if (_reloadScheduled)
            {
                return Task.CompletedTask;
            }

            _reloadScheduled = true;
        }

        return ReloadAfterDebounceAsync(_disposed.Token);
    }

    private async Task ReloadAfterDebounceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(LiveDebounce, Time, cancellationToken);
            await InvokeAsync(ReloadChangedRowsAsync);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed.
        }
#pragma warning disable CA1031 // Reported to the renderer, which shows the error UI.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task ReloadChangedRowsAsync()
    {
        HashSet<int> changed;
        lock (_pendingLock)
        {
            changed = _pendingChanges;
            _pendingChanges = [];
            _reloadScheduled = false;
        }

        if (_grid is null)
        {
            return;
        }

        _highlighted = changed;
        await _grid.ReloadServerData();
        _ = ClearHighlightAsync(changed, _disposed.Token);
    }

    private async Task ClearHighlightAsync(HashSet<int> highlighted, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(HighlightDuration, Time, cancellationToken);
            await InvokeAsync(() =>
            {
                if (ReferenceEquals(_highlighted, highlighted))
                {
                    _highlighted = [];
                    StateHasChanged();
                }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed.
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _elapsedTicker?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}

/// <summary>Rows are the same row when they have the same registration ID, whatever changed in them.</summary>
public sealed class RowIdComparer : IEqualityComparer<ResultRow>
{
    public static RowIdComparer Instance { get; } = new();

    public bool Equals(ResultRow? x, ResultRow? y) => x?.Id == y?.Id;

    public int GetHashCode(ResultRow obj) => obj?.Id ?? 0;
}
