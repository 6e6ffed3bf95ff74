using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Dashboard.Core.Live.CrossNode;

/// <summary>
/// This node's dedicated listening connection: every notification of another node goes to this node's in-process
/// feeds. A cut connection is reopened; since notifications sent meanwhile are lost, subscribers then re-query.
/// </summary>
public sealed class PostgresFeedListener(
    CrossNodeFeeds feeds, string connectionString, TimeProvider time, ILogger<PostgresFeedListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the connection listens (again, after a cut: a new task each time).</summary>
    public Task Listening => _listening.Task;

    /// <summary>The listening connection's application_name (pg_stat_activity).</summary>
    public string ApplicationName => "dashboard-feed-" + feeds.NodeId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationName,
            // Its own physical connection, probed so a silently dead network is noticed.
            Pooling = false,
            KeepAlive = 15,
            Enlist = false,
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, e) => Deliver(e.Channel, e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = connection.CreateCommand())
                {
                    listen.CommandText = string.Concat(feeds.Channels.Select(channel => $"LISTEN {channel};"));
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                retry = FirstRetry;
                _listening.TrySetResult();
                feeds.Resync(time.GetUtcNow());
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever cut the connection, the node goes on serving its own changes and keeps trying: a listener
                // that gave up (or stopped the host) would be worse than one that retries.
                if (_listening.Task.IsCompleted)
                {
                    _listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                logger.LogWarning(ex, "The live feed lost its PostgreSQL connection; reconnecting in {Delay}.", retry);
            }

            // Wall-clock, not the host's TimeProvider: a test host's frozen clock must not stop reconnection.
            try
            {
                await Task.Delay(retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }

    private void Deliver(string channel, string payload)
    {
        try
        {
            feeds.Deliver(channel, payload);
        }
        catch (System.Text.Json.JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed live feed notification on {Channel}.", channel);
        }
    }
}
