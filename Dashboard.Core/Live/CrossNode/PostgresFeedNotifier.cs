using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Dashboard.Core.Live.CrossNode;

/// <summary>
/// Queues a pg_notify for every saved change a feed carries inside the saving transaction: the other nodes hear of it
/// when, and only if, it commits. SaveChanges without a transaction of the caller's gets one of ours around it.
/// </summary>
internal sealed class PostgresFeedNotifier(CrossNodeFeeds feeds, TimeProvider time) : SaveChangesInterceptor
{
    private const string Notify = "SELECT pg_notify(n.channel, n.payload) FROM unnest(@channels, @payloads) AS n(channel, payload)";

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && Concerned(db) is { Count: > 0 } entities)
        {
            var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            _pending.AddOrUpdate(db, new Pending(entities, owned));
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && Concerned(db) is { Count: > 0 } entities)
        {
            var owned = db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null;
            _pending.AddOrUpdate(db, new Pending(entities, owned));
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            await using var owned = pending.Owned;
            await db.Database.ExecuteSqlRawAsync(Notify, Parameters(pending), cancellationToken);
            if (owned is not null)
            {
                await owned.CommitAsync(cancellationToken);
            }
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            using var owned = pending.Owned;
            db.Database.ExecuteSqlRaw(Notify, Parameters(pending));
            owned?.Commit();
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await AbandonAsync(eventData.Context);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        AbandonAsync(eventData.Context).GetAwaiter().GetResult();
    }

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await AbandonAsync(eventData.Context);
    }

    private List<object> Concerned(DbContext db) =>
    [
        .. db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && feeds.Concerns(e.Entity))
            .Select(e => e.Entity),
    ];

    private object[] Parameters(Pending pending)
    {
        var notifications = feeds.NotificationsFor(pending.Entities, time.GetUtcNow()).ToList();
        return
        [
            new NpgsqlParameter("channels", notifications.Select(n => n.Channel).ToArray()),
            new NpgsqlParameter("payloads", notifications.Select(n => n.Payload).ToArray()),
        ];
    }

    // The caller's transaction is the caller's to roll back; ours ends here (disposing rolls it back).
    private async Task AbandonAsync(DbContext? db)
    {
        if (db is not null && _pending.TryGetValue(db, out var pending))
        {
            _pending.Remove(db);
            if (pending.Owned is { } owned)
            {
                await owned.DisposeAsync();
            }
        }
    }

    private sealed record Pending(List<object> Entities, IDbContextTransaction? Owned);
}
