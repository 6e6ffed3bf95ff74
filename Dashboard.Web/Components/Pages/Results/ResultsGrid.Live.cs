using Dashboard.Core.Live;

namespace Dashboard.Web.Components.Pages.Results;

/// <summary>
/// The grid's live refresh: feed events of the account are throttled into at most one reload per window, which reads the
/// account's shared page (<see cref="SharedResultsPages"/>: one query per account and view per change, however many pages
/// show it) and highlights the changed rows for a moment. The first change after a quiet window reloads at once (leading
/// edge); changes arriving within the window after a reload wait for its end and are one reload together.
/// </summary>
public sealed partial class ResultsGrid
{
    /// <summary>At most one reload per window: a burst of feed events is one reload at once and one at the window's end.</summary>
    internal static readonly TimeSpan LiveDebounce = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan HighlightDuration = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan ElapsedRefresh = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _disposed = new();
    private IDisposable? _subscription;
    private ITimer? _elapsedTicker;
    private bool _live;
    private readonly Lock _pendingLock = new();
    private HashSet<int> _pendingChanges = [];
    private bool _reloadScheduled;

    /// <summary>When the last live reload started (<see cref="TimeProvider.GetTimestamp"/>); null before the first.</summary>
    private long? _lastReloadAt;

    /// <summary>The load under way is a live reload: it reads the account's shared page instead of querying alone.</summary>
    private bool _liveReload;

    private Task OnResultsChangedAsync(ResultsChange change)
    {
        TimeSpan wait;
        lock (_pendingLock)
        {
            _pendingChanges.Add(change.RegistrationId);
            if (_reloadScheduled)
            {
                return Task.CompletedTask;
            }

            _reloadScheduled = true;
            wait = _lastReloadAt is { } last ? LiveDebounce - Time.GetElapsedTime(last) : TimeSpan.Zero;
        }

        return ReloadAfterAsync(wait, _disposed.Token);
    }

    private async Task ReloadAfterAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Time, cancellationToken);
            }
            else
            {
                // Off the publisher's thread: the feed delivers to every page in turn, and the one that saved the change must not wait for them.
                await Task.Yield();
            }

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
            _lastReloadAt = Time.GetTimestamp();
        }

        if (_grid is null)
        {
            return;
        }

        _highlighted = changed;
        _liveReload = true;
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

    public void Dispose()
    {
        _subscription?.Dispose();
        _elapsedTicker?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
