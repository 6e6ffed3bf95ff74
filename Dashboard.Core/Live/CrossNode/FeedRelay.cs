using System.Text.Json;

namespace Dashboard.Core.Live.CrossNode;

/// <summary>One feed's side of the link between nodes: which saved entities it stands for, and how its events travel.</summary>
internal interface IFeedRelay
{
    string Channel { get; }

    bool Concerns(object entity);

    IEnumerable<string> PayloadsFor(IEnumerable<object> savedEntities, string node, DateTimeOffset at);

    void Deliver(string payload, string ownNode);

    void Resync(DateTimeOffset at);
}

/// <summary>A feed's relay: <c>eventOf</c> gives the event a saved entity stands for, or null when the feed does not carry it.</summary>
internal sealed class FeedRelay<TEvent>(string channel, IAccountFeed<TEvent> feed, Func<object, DateTimeOffset, TEvent?> eventOf) : IFeedRelay
    where TEvent : class, IAccountEvent<TEvent>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Channel => channel;

    public bool Concerns(object entity) => eventOf(entity, default) is not null;

    public IEnumerable<string> PayloadsFor(IEnumerable<object> savedEntities, string node, DateTimeOffset at) =>
        savedEntities.Select(entity => eventOf(entity, at)).OfType<TEvent>().Distinct()
            .Select(e => JsonSerializer.Serialize(new Envelope(node, e), Json));

    public void Deliver(string payload, string ownNode)
    {
        var envelope = JsonSerializer.Deserialize<Envelope>(payload, Json);
        // This node's own changes were published in-process when they were saved.
        if (envelope?.Event is { } accountEvent && envelope.Node != ownNode)
        {
            feed.Publish(accountEvent);
        }
    }

    public void Resync(DateTimeOffset at) => feed.PublishResync(at);

    private sealed record Envelope(string Node, TEvent Event);
}
