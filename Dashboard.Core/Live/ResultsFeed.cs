using System.Collections.Concurrent;

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

public sealed class ResultsFeed : IResultsFeed
{
    private readonly ConcurrentDictionary<Guid, (int AccountId, Func<ResultsChange, Task> OnChange)> _subscribers = new();

    public void Publish(ResultsChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        foreach (var (_, subscriber) in _subscribers)
        {
            if (subscriber.AccountId == change.AccountId)
            {
                // Subscribers marshal to their own context (Blazor InvokeAsync); a slow page must not block the publisher.
                _ = subscriber.OnChange(change);
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
