using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Pages;

/// <summary>
/// Completes once the page's Blazor circuit has sent its first frame: from then on clicks reach the server
/// (a click before the circuit is up is lost). Create it before the navigation that starts the circuit.
/// </summary>
public sealed class LiveCircuit
{
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LiveCircuit(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                socket.FrameReceived += (_, _) => _connected.TrySetResult();
            }
        };
    }

    public Task WaitAsync() => _connected.Task.WaitAsync(TimeSpan.FromSeconds(30));
}
