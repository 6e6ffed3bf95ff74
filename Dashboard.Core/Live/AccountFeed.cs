using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Live;

/// <summary>An event of one account that a feed carries to that account's open pages.</summary>
public interface IAccountEvent<TSelf> where TSelf : IAccountEvent<TSelf>
{
    int AccountId { get; }

    /// <summary>"Something may have changed: re-query." Sent when events may have been missed (a node's link to the others was cut).</summary>
    static abstract TSelf Resync(int accountId, DateTimeOffset at);
}

/// <summary>In-process publish/subscribe of one kind of event, per account. Singleton; on PostgreSQL fed across nodes too.</summary>
public interface IAccountFeed<TEvent> where TEvent : IAccountEvent<TEvent>
{
    void Publish(TEvent accountEvent);

    /// <summary>Calls <paramref name="onEvent"/> for every event of the account until the returned handle is disposed.</summary>
    IDisposable Subscribe(int accountId, Func<TEvent, Task> onEvent);

    /// <summary>Sends <see cref="IAccountEvent{TSelf}.Resync"/> to every subscribed account.</summary>
    void PublishResync(DateTimeOffset at);

    /// <summary>
    /// How many events of the account this feed has published: counted before any subscriber hears of the event, so
    /// whatever a subscriber does on hearing it sees the new count (a cache keyed by it is already stale).
    /// </summary>
    long Version(int accountId);
}

public sealed class AccountFeed<TEvent>(ILogger<AccountFeed<TEvent>>? logger = null) : IAccountFeed<TEvent>
    where TEvent : IAccountEvent<TEvent>
{
    private readonly ConcurrentDictionary<Guid, Subscriber> _subscribers = new();
    private readonly ConcurrentDictionary<int, long> _versions = new();
    private readonly ILogger _logger = logger ?? NullLogger<AccountFeed<TEvent>>.Instance;

    public void Publish(TEvent accountEvent)
    {
        ArgumentNullException.ThrowIfNull(accountEvent);
        _versions.AddOrUpdate(accountEvent.AccountId, 1, static (_, version) => version + 1);
        foreach (var (_, subscriber) in _subscribers)
        {
            if (subscriber.AccountId == accountEvent.AccountId)
            {
                Deliver(subscriber, accountEvent);
            }
        }
    }

    public void PublishResync(DateTimeOffset at)
    {
        foreach (var accountId in _subscribers.Values.Select(s => s.AccountId).Distinct())
        {
            Publish(TEvent.Resync(accountId, at));
        }
    }

    public long Version(int accountId) => _versions.TryGetValue(accountId, out var version) ? version : 0;

    public IDisposable Subscribe(int accountId, Func<TEvent, Task> onEvent)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        var id = Guid.NewGuid();
        _subscribers[id] = new Subscriber(accountId, onEvent, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    private void Deliver(Subscriber subscriber, TEvent accountEvent)
    {
        // Subscribers marshal to their own context (Blazor InvokeAsync): a slow page must not block the publisher,
        // and a failing one must neither stop the others nor reach the code that saved the change.
        // The handler runs in its subscriber's culture: the render it causes flows from here, and a French page
        // refreshed by a sitting recorded on an English (or invariant) thread must stay French.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (subscriber.Culture, subscriber.UICulture);
        try
        {
            var task = subscriber.OnEvent(accountEvent);
            if (!task.IsCompletedSuccessfully)
            {
                _ = task.ContinueWith(
                    t => _logger.LogWarning(t.Exception, "A {Feed} subscriber failed.", typeof(TEvent).Name),
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "A {Feed} subscriber failed.", typeof(TEvent).Name);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private sealed record Subscriber(int AccountId, Func<TEvent, Task> OnEvent, CultureInfo Culture, CultureInfo UICulture);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
