using Dashboard.Core.Bulk;
using Dashboard.Core.Live;

namespace Dashboard.Tests.Core.Live;

/// <summary>The one per-account feed behind the results pages and My requests: the same guarantees for both events.</summary>
public sealed class AccountFeedTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Feeds => ["results", "bulk progress"];

    [Theory]
    [MemberData(nameof(Feeds))]
    public void ASubscriberThatThrowsNeitherStopsTheOthersNorReachesThePublisher(string feed)
    {
        var subject = FeedUnderTest.Create(feed);
        var received = new List<string>();
        using var before = subject.Subscribe(1, () => received.Add("before"));
        using var throwing = subject.Subscribe(1, () => throw new InvalidOperationException("page failed"));
        using var faulted = subject.SubscribeAsync(1, () => Task.FromException(new InvalidOperationException("page failed later")));
        using var after = subject.Subscribe(1, () => received.Add("after"));

        subject.Publish(1);
        subject.Publish(1);

        // Subscribers are called in no particular order: each of the two good ones got both events.
        Assert.Equal(["after", "after", "before", "before"], received.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public void EventsReachOnlyTheSubscribersOfTheirAccountUntilTheyUnsubscribe(string feed)
    {
        var subject = FeedUnderTest.Create(feed);
        var received = new List<int>();
        var first = subject.Subscribe(1, () => received.Add(1));
        using var second = subject.Subscribe(2, () => received.Add(2));

        subject.Publish(1);
        subject.Publish(2);
        first.Dispose();
        subject.Publish(1);

        Assert.Equal([1, 2], received);
    }

    [Fact]
    public void AResyncTellsEverySubscribedAccountOnceToReQueryEverything()
    {
        var feed = new AccountFeed<ResultsChange>();
        var received = new List<ResultsChange>();
        using var a = feed.Subscribe(1, c => Record(received, c));
        using var b = feed.Subscribe(2, c => Record(received, c));

        feed.PublishResync(At);

        Assert.Equal([ResultsChange.Resync(1, At), ResultsChange.Resync(2, At)], received.OrderBy(c => c.AccountId));
        Assert.All(received, c => Assert.True(c.IsResync));
    }

    [Fact]
    public void ABulkResyncNamesNoRequestSoTheJobsPageReloadsItsList()
    {
        var feed = new AccountFeed<BulkProgress>();
        BulkProgress? received = null;
        using var subscription = feed.Subscribe(7, p =>
        {
            received = p;
            return Task.CompletedTask;
        });

        feed.PublishResync(At);

        Assert.Equal(new BulkProgress(7, 0, BulkStatus.Queued, 0, 0, 0), received);
    }

    private static Task Record(List<ResultsChange> received, ResultsChange change)
    {
        lock (received)
        {
            received.Add(change);
        }

        return Task.CompletedTask;
    }

    /// <summary>Either feed, driven the same way.</summary>
    private sealed class FeedUnderTest
    {
        private readonly Action<int> _publish;
        private readonly Func<int, Func<Task>, IDisposable> _subscribe;

        private FeedUnderTest(Action<int> publish, Func<int, Func<Task>, IDisposable> subscribe)
        {
            _publish = publish;
            _subscribe = subscribe;
        }

        public static FeedUnderTest Create(string name)
        {
            if (name == "results")
            {
                var results = new AccountFeed<ResultsChange>();
                return new FeedUnderTest(
                    account => results.Publish(new ResultsChange(account, 42, "graded", At)),
                    (account, handler) => results.Subscribe(account, _ => handler()));
            }

            var bulk = new AccountFeed<BulkProgress>();
            return new FeedUnderTest(
                account => bulk.Publish(new BulkProgress(account, 5, BulkStatus.Running, 1, 10, 0)),
                (account, handler) => bulk.Subscribe(account, _ => handler()));
        }

        public void Publish(int accountId) => _publish(accountId);

        public IDisposable Subscribe(int accountId, Action onEvent) => _subscribe(accountId, () =>
        {
            onEvent();
            return Task.CompletedTask;
        });

        public IDisposable SubscribeAsync(int accountId, Func<Task> onEvent) => _subscribe(accountId, onEvent);
    }
}
