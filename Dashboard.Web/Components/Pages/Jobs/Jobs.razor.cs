using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Jobs;

/// <summary>"My requests": every group request with its live progress, file, failures and Retry.</summary>
public partial class Jobs : IDisposable
{
    [Inject] private BulkRequestService Requests { get; set; } = default!;
    [Inject] private IAccountFeed<BulkProgress> Feed { get; set; } = default!;
    [Inject] private AccountScope Scope { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private AccountCalendars Calendars { get; set; } = default!;

    private List<BulkRequestView>? _rows;
    private AccountCalendar _calendar = AccountCalendar.Utc;
    private readonly HashSet<int> _expanded = [];
    private bool _wholeAccount;
    private bool _allowed;
    private string? _error;
    private IDisposable? _subscription;

    protected override async Task OnInitializedAsync()
    {
        _allowed = Scope.Has(Privileges.GroupReports);
        if (!_allowed)
        {
            _error = L["NoPrivilege"];
            return;
        }

        _calendar = await Calendars.CurrentAsync();
        await LoadAsync();
        _subscription = Feed.Subscribe(Scope.RequireAccountId(), OnProgressAsync);
    }

    private async Task LoadAsync()
    {
        try
        {
            _rows = [.. await Requests.ListAsync(_wholeAccount)];
        }
        catch (PrivilegeException)
        {
            _error = L["NoPrivilege"];
        }
    }

    private Task OnProgressAsync(BulkProgress progress) => InvokeAsync(async () =>
    {
        try
        {
            var index = _rows?.FindIndex(r => r.Id == progress.RequestId) ?? -1;
            if (index < 0 || progress.Status != _rows![index].Status)
            {
                // A new request or a status change: reload for the file, failures and times.
                await LoadAsync();
            }
            else
            {
                _rows[index] = _rows[index] with
                {
                    ItemsDone = progress.ItemsDone,
                    ItemsTotal = progress.ItemsTotal,
                    ItemsFailed = progress.ItemsFailed,
                };
            }

            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private async Task ShowWholeAccountAsync(bool value)
    {
        _wholeAccount = value;
        await LoadAsync();
    }

    private async Task RetryAsync(int id)
    {
        try
        {
            await Requests.RetryAsync(id);
            Snackbar.Add(L["RetryQueued"], Severity.Info);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is DomainRuleException or PrivilegeException or NotFoundException)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private void Toggle(int id)
    {
        if (!_expanded.Remove(id))
        {
            _expanded.Add(id);
        }
    }

    private static double Percent(BulkRequestView row) =>
        row.Status is BulkStatus.Completed or BulkStatus.CompletedWithFailures ? 100
        : row.ItemsTotal == 0 ? 0
        : Math.Min(100, 100.0 * row.ItemsDone / row.ItemsTotal);

    private string Duration(BulkRequestView row)
    {
        if (row.StartedAt is not { } started)
        {
            return row.Status == BulkStatus.Queued ? L["Waiting"] : "";
        }

        var span = (row.FinishedAt ?? Time.GetUtcNow()) - started;
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.CurrentCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min")
            : string.Create(CultureInfo.CurrentCulture, $"{span.Minutes}:{span.Seconds:00}");
    }

    private static Color StatusColor(BulkStatus status) => status switch
    {
        BulkStatus.Completed => Color.Success,
        BulkStatus.CompletedWithFailures => Color.Warning,
        BulkStatus.Failed => Color.Error,
        BulkStatus.Running => Color.Info,
        _ => Color.Default,
    };

    private string StatusText(BulkStatus status) => L[status switch
    {
        BulkStatus.Queued => "StatusQueued",
        BulkStatus.Running => "StatusRunning",
        BulkStatus.Completed => "StatusCompleted",
        BulkStatus.CompletedWithFailures => "StatusCompletedWithFailures",
        _ => "StatusFailed",
    }];

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
