using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Live.CrossNode;

/// <summary>
/// This node's end of the link between the nodes' in-process feeds (PostgreSQL LISTEN/NOTIFY): what a saved change
/// tells the other nodes, and what their notifications tell this node's subscribers. Singleton.
/// </summary>
public sealed class CrossNodeFeeds
{
    private readonly IFeedRelay[] _relays;

    internal CrossNodeFeeds(IAccountFeed<ResultsChange> results, IAccountFeed<BulkProgress> bulk)
    {
        _relays =
        [
            new FeedRelay<ResultsChange>("dashboard_results", results, ResultsChangeOf),
            new FeedRelay<BulkProgress>("dashboard_bulk_progress", bulk, BulkProgressOf),
        ];
    }

    /// <summary>Tells this node's notifications from the others' (and names its listening connection).</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public IEnumerable<string> Channels => _relays.Select(r => r.Channel);

    internal bool Concerns(object entity) => _relays.Any(r => r.Concerns(entity));

    internal IEnumerable<(string Channel, string Payload)> NotificationsFor(IReadOnlyCollection<object> savedEntities, DateTimeOffset at) =>
        _relays.SelectMany(r => r.PayloadsFor(savedEntities, NodeId, at).Select(payload => (r.Channel, payload)));

    internal void Deliver(string channel, string payload)
    {
        foreach (var relay in _relays.Where(r => r.Channel == channel))
        {
            relay.Deliver(payload, NodeId);
        }
    }

    /// <summary>Notifications may have been missed: every subscriber re-queries.</summary>
    internal void Resync(DateTimeOffset at)
    {
        foreach (var relay in _relays)
        {
            relay.Resync(at);
        }
    }

    // A registration changed when its row did or a row it owns did (responses, incidents, captures, audit entries).
    private static ResultsChange? ResultsChangeOf(object entity, DateTimeOffset at) => entity switch
    {
        Registration registration => new ResultsChange(registration.AccountId, registration.Id, ResultsChange.SavedKind, at),
        IAccountOwned owned when RegistrationIds.Of(owned) is { } id => new ResultsChange(owned.AccountId, id, ResultsChange.SavedKind, at),
        _ => null,
    };

    private static BulkProgress? BulkProgressOf(object entity, DateTimeOffset at) => entity is BulkRequest request
        ? new BulkProgress(request.AccountId, request.Id, request.Status, request.ItemsDone, request.ItemsTotal, request.ItemsFailed)
        : null;
}
