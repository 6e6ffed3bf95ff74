using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Proctoring;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Proctoring;

/// <summary>
/// The proctoring grid: one row per proctored sitting, filters in the URL (profile, status, incident), server paging,
/// row and bulk actions; refreshed live when a sitting of the account changes.
/// </summary>
public sealed partial class ProctoringPage
{
    private readonly CancellationTokenSource _disposed = new();
    private MudDataGrid<ProctoringRow>? _grid;
    private HashSet<ProctoringRow> _selection = new(RowComparer.Instance);
    private ProctoringFilter _filter = new();
    private IDisposable? _subscription;
    private int? _total;
    private string? _error;
    private int _reloadQueued;
    private AccountCalendar _calendar = AccountCalendar.Utc;

    [Inject] private ProctoringReviewService Review { get; set; } = default!;
    [Inject] private IAccountFeed<ResultsChange> Feed { get; set; } = default!;
    [Inject] private AccountScope Scope { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private AccountCalendars Calendars { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "profile")] public string? Profile { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "incident")] public string? Incident { get; set; }

    private string TotalText => _total switch
    {
        null => L["Loading"],
        1 => L["SittingsTotalOne"],
        var n => L["SittingsTotalMany", n.Value.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)],
    };

    protected override async Task OnInitializedAsync()
    {
        if (Scope.AccountId is { } accountId)
        {
            _calendar = await Calendars.CurrentAsync();
            _subscription = Feed.Subscribe(accountId, _ => ReloadSoonAsync());
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var filter = new ProctoringFilter(Parse<ProctoringProfile>(Profile), Parse<ProctoringStatus>(Status), Parse<IncidentKind>(Incident));
        if (filter != _filter)
        {
            _filter = filter;
            _selection.Clear();
            if (_grid is not null)
            {
                await _grid.ReloadServerData();
            }
        }
    }

    private async Task<GridData<ProctoringRow>> LoadAsync(GridState<ProctoringRow> state, CancellationToken cancellationToken)
    {
        try
        {
            var page = await Review.QueryAsync(_filter, state.Page * state.PageSize, state.PageSize, oldestFirst: false, cancellationToken);
            _total = page.Total;
            _error = null;
            // The selection keeps the rows' latest versions, so a decision after a live refresh is not a false conflict.
            var fresh = page.Rows.ToDictionary(r => r.Id);
            _selection = new HashSet<ProctoringRow>(_selection.Select(r => fresh.GetValueOrDefault(r.Id, r)), RowComparer.Instance);
            return new GridData<ProctoringRow> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (OperationCanceledException)
        {
            return new GridData<ProctoringRow> { Items = [], TotalItems = _total ?? 0 };
        }
    }

    private Task SetFilterAsync(ProctoringFilter filter)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["profile"] = filter.Profile?.ToString(),
            ["status"] = filter.Status?.ToString(),
            ["incident"] = filter.Incident?.ToString(),
        }));
        return Task.CompletedTask;
    }

    /// <summary>A burst of changes (a bulk decision publishes one per sitting) is one reload.</summary>
    private async Task ReloadSoonAsync()
    {
        if (Interlocked.Exchange(ref _reloadQueued, 1) == 1)
        {
            return;
        }

        try
        {
            await Task.Delay(250, _disposed.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Interlocked.Exchange(ref _reloadQueued, 0);
        await InvokeAsync(async () =>
        {
            try
            {
                if (_grid is not null)
                {
                    await _grid.ReloadServerData();
                }
            }
            catch (Exception e)
            {
                await DispatchExceptionAsync(e);
            }
        });
    }

    private async Task PhotosAsync(ProctoringRow row) =>
        await Dialogs.ShowAsync<PhotosDialog>(L["PhotosOf", row.FullName],
            new DialogParameters<PhotosDialog> { { d => d.RegistrationId, row.Id } },
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = false, CloseButton = true });

    private async Task IdDocumentAsync(ProctoringRow row) =>
        await Dialogs.ShowAsync<IdDocumentDialog>(L["IdDocumentOf", row.FullName],
            new DialogParameters<IdDocumentDialog> { { d => d.RegistrationId, row.Id } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true });

    private async Task ReviewAsync(ProctoringRow row)
    {
        var dialog = await Dialogs.ShowAsync<ReviewDialog>(L["ProtocolReviewOf", row.FullName],
            new DialogParameters<ReviewDialog> { { d => d.RegistrationId, row.Id } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, CloseButton = true });
        await dialog.Result;
        await (_grid?.ReloadServerData() ?? Task.CompletedTask);
    }

    private async Task DecideAsync(IReadOnlyList<ProctoringRow> rows, bool validate)
    {
        var dialog = await Dialogs.ShowAsync<DecisionDialog>(L[validate ? "Validate" : "Invalidate"],
            new DialogParameters<DecisionDialog> { { d => d.Rows, rows }, { d => d.Validate, validate } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            _selection.Clear();
            await (_grid?.ReloadServerData() ?? Task.CompletedTask);
        }
    }

    private static T? Parse<T>(string? value)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    public void Dispose()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}

/// <summary>Rows are the same sitting when their ids are (the grid's selection survives reloads).</summary>
internal sealed class RowComparer : IEqualityComparer<ProctoringRow>
{
    public static readonly RowComparer Instance = new();

    public bool Equals(ProctoringRow? x, ProctoringRow? y) => x?.Id == y?.Id;

    public int GetHashCode(ProctoringRow obj) => obj.Id;
}
