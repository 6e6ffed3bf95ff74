using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Live;

/// <summary>A registration of an account changed (sitting progress, grading, cancellation…).</summary>
public sealed record ResultsChange(int AccountId, int RegistrationId, string Kind, DateTimeOffset At);

/// <summary>In-process publish/subscribe of results changes, per account. Singleton.</summary>
public interface IResultsFeed
{
    void Publish(ResultsChange change);

    /// <summary>Calls <paramref name="onChange"/> for every change of the account until the returned handle is disposed.</summary>
    IDisposable Subscribe(int accountId, Func<ResultsChange, Task> onChange);
}

public sealed class ResultsFeed(ILogger<ResultsFeed>? logger = null) : IResultsFeed
{
    private readonly ConcurrentDictionary<Guid, (int AccountId, Func<ResultsChange, Task> OnChange)> _subscribers = new();
    private readonly ILogger _logger = logger ?? NullLogger<ResultsFeed>.Instance;

    public void Publish(ResultsChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var (_, subscriber) in _subscribers)
        {
            if (subscriber.AccountId == change.AccountId)
            {
                // Subscribers marshal to their own context (Blazor InvokeAsync); a slow page must not block the publisher,
                // and a failing one must neither stop the others nor reach the code that saved the change.
                try
                {
                    var task = subscriber.OnChange(change);
                    if (!task.IsCompletedSuccessfully)
                    {
                        _ = task.ContinueWith(
                            t => _logger.LogWarning(t.Exception, "A results feed subscriber failed."),
                            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    }
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(ex, "A results feed subscriber failed.");
                }
            }
        }
    }

    public IDisposable Subscribe(int accountId, Func<ResultsChange, Task> onChange)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = (accountId, onChange);
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
