using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Data;
using Dashboard.Core.Live;
using Dashboard.Core.Live.CrossNode;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web.Sittings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Tests.Web.ScaleOut;

/// <summary>
/// Two nodes of the real app on one PostgreSQL database: what one saves reaches the other's open pages through
/// LISTEN/NOTIFY, and a node whose listening connection is cut reconnects and tells its pages to re-query.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class CrossNodeFeedTests : IAsyncLifetime
{
    // Delivery is asserted, not its latency (Dashboard.Bench measures that): generous for a loaded machine.
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    private readonly PostgresWebFactory _nodeA = new();
    private PostgresWebFactory _nodeB = default!;

    public async Task InitializeAsync()
    {
        _nodeA.Settings["Demo:Seed"] = "false";
        _ = _nodeA.Services; // creates the schema before the second node starts on it
        _nodeB = _nodeA.SecondNode();
        await Listener(_nodeA).Listening.WaitAsync(Delivery);
        await Listener(_nodeB).Listening.WaitAsync(Delivery);
    }

    public async Task DisposeAsync()
    {
        await _nodeB.DisposeAsync();
        await _nodeA.DisposeAsync();
    }

    [Fact]
    public async Task ASittingEventPostedToOneNodeReachesTheResultsFeedOfTheOther()
    {
        var world = new SittingsWebWorld(_nodeA);
        var sitting = await world.RegistrationAsync();
        var key = await world.ApiKeyAsync(sitting.AccountId);
        var onB = Next(_nodeB, sitting.AccountId, c => c.RegistrationId == sitting.Registration.Id);

        using var client = _nodeA.CreateClient();
        using var response = await SittingsWebWorld.PostAsync(client, key, new
        {
            events = new[] { SittingsWebWorld.Event("sittingStarted", sitting.Registration.Id, DateTimeOffset.UtcNow.AddMinutes(-1)) },
        });
        response.EnsureSuccessStatusCode();

        var change = await onB.WaitAsync(Delivery);
        Assert.Equal(sitting.AccountId, change.AccountId);
        Assert.Equal(ResultsChange.SavedKind, change.Kind);
    }

    [Fact]
    public async Task BulkProgressSavedOnOneNodeReachesMyRequestsOnTheOther()
    {
        var sitting = await new SittingsWebWorld(_nodeA).RegistrationAsync();
        var onB = new TaskCompletionSource<BulkProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _nodeB.Services.GetRequiredService<IAccountFeed<BulkProgress>>().Subscribe(sitting.AccountId, p =>
        {
            if (p.RequestId != 0)
            {
                onB.TrySetResult(p);
            }

            return Task.CompletedTask;
        });

        var requestId = await SaveRunningRequestOnNodeAAsync(sitting.AccountId);

        var progress = await onB.Task.WaitAsync(Delivery);
        Assert.Equal(new BulkProgress(sitting.AccountId, requestId, BulkStatus.Running, 3, 10, 1), progress);
    }

    [Fact]
    public async Task ANodeWhoseListeningConnectionIsCutReconnectsAndTellsItsPagesToReQuery()
    {
        var world = new SittingsWebWorld(_nodeA);
        var sitting = await world.RegistrationAsync();
        var key = await world.ApiKeyAsync(sitting.AccountId);
        var resync = Next(_nodeB, sitting.AccountId, c => c.IsResync);

        await TerminateListenerAsync(_nodeB);
        await resync.WaitAsync(Delivery);

        var onB = Next(_nodeB, sitting.AccountId, c => c.RegistrationId == sitting.Registration.Id);
        using var client = _nodeA.CreateClient();
        using var response = await SittingsWebWorld.PostAsync(client, key, new
        {
            events = new[] { SittingsWebWorld.Event("sittingStarted", sitting.Registration.Id, DateTimeOffset.UtcNow.AddMinutes(-1)) },
        });
        response.EnsureSuccessStatusCode();
        Assert.Equal(sitting.AccountId, (await onB.WaitAsync(Delivery)).AccountId);
    }

    private static PostgresFeedListener Listener(PostgresWebFactory node) => node.Services.GetRequiredService<PostgresFeedListener>();

    /// <summary>The first change of the account on <paramref name="node"/>'s results feed that matches.</summary>
    private static Task<ResultsChange> Next(PostgresWebFactory node, int accountId, Func<ResultsChange, bool> match)
    {
        var next = new TaskCompletionSource<ResultsChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = node.Services.GetRequiredService<IAccountFeed<ResultsChange>>().Subscribe(accountId, change =>
        {
            if (match(change))
            {
                next.TrySetResult(change);
            }

            return Task.CompletedTask;
        });
        return next.Task.ContinueWith(t =>
        {
            subscription.Dispose();
            return t.Result;
        }, TaskScheduler.Default);
    }

    private async Task<int> SaveRunningRequestOnNodeAAsync(int accountId)
    {
        await using var scope = _nodeA.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId, "test");
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var request = new BulkRequest
        {
            AccountId = accountId, Kind = BulkKind.GroupReport, RequestedByEmail = "owner@client.test", RequestedByName = "Owner",
            GroupName = "Sales", SubjectName = "Excel", Language = "en", PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2026, 12, 31),
            Status = BulkStatus.Running, ItemsTotal = 10, ItemsDone = 3, ItemsFailed = 1, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    private async Task TerminateListenerAsync(PostgresWebFactory node)
    {
        await using var connection = new NpgsqlConnection(_nodeA.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name";
        command.Parameters.AddWithValue("name", Listener(node).ApplicationName);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
