using System.Collections.Concurrent;

namespace Dashboard.Core.Bulk;

/// <summary>A bulk request moved: its status or progress changed.</summary>
public sealed record BulkProgress(int AccountId, int RequestId, BulkStatus Status, int ItemsDone, int ItemsTotal, int ItemsFailed);

/// <summary>In-process publish/subscribe of bulk request progress, per account. Singleton; the Jobs page listens.</summary>
public interface IBulkProgressFeed
{
    void Publish(BulkProgress progress);

    IDisposable Subscribe(int accountId, Func<BulkProgress, Task> onProgress);
}

public sealed class BulkProgressFeed : IBulkProgressFeed
{
    private readonly ConcurrentDictionary<Guid, (int AccountId, Func<BulkProgress, Task> OnProgress)> _subscribers = new();

    public void Publish(BulkProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        foreach (var (_, subscriber) in _subscribers)
        {
            if (subscriber.AccountId == progress.AccountId)
            {
                // Pages marshal to their own dispatcher; the job must never wait for a page.
                _ = subscriber.OnProgress(progress);
            }
        }
    }

    public IDisposable Subscribe(int accountId, Func<BulkProgress, Task> onProgress)
    {
        var id = Guid.NewGuid();
        _subscribers[id] = (accountId, onProgress);
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
