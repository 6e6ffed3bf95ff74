using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Data;
using Dashboard.Tests.Support;
using Npgsql;

namespace Dashboard.Tests.Web.ScaleOut;

/// <summary>
/// Two processes of the published app on one throw-away PostgreSQL database, behind nginx with the shipped
/// configuration, sending email to a loopback SMTP server. Both nodes start together; A seeds the demo world.
/// <see cref="Front"/> is the node nginx sends this machine to (ip_hash: every loopback client hashes to the same
/// node), <see cref="Other"/> the node reached only by its own port.
/// </summary>
public sealed partial class TwoNodeCluster : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dashboard-two-nodes", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<NodeProcess, string> _instances = [];
    private NodeProcess? _a;
    private NodeProcess? _b;
    private NginxBalancer? _nginx;

    public string ConnectionString { get; } = TestProvider.NewPostgresDatabase();

    public SmtpServerFixture Smtp { get; } = new();

    /// <summary>Where the fixture's and the journey's time goes (printed by the journey).</summary>
    public PhaseTimings Timings { get; } = new();

    public NginxBalancer Nginx => _nginx!;

    public NodeProcess Front { get; private set; } = default!;

    public NodeProcess Other { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Smtp.InitializeAsync();
        var app = await Timings.MeasureAsync("publish (once per build, then reused)", PublishedApp.PublishOnceAsync);
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = DatabaseProvider.Postgres,
            ["Database:ConnectionString"] = ConnectionString,
            ["Storage:Root"] = Path.Combine(_directory, "shared-files"),
            ["Demo:Seed"] = "true",
            ["Demo:Registrations"] = "200",
            ["Demo:AdminPassword"] = Browser.Pages.SignInPage.DemoPassword,
            ["Demo:Simulator:Enabled"] = "false",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:From"] = "Results Dashboard <results@dashboard.test>",
            // One progress row per email: the recovering node sees exactly what the killed one had sent.
            ["Bulk:ProgressEvery"] = "1",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            // A node killed mid-send is taken over within seconds instead of the default 20 (5 s + 15 s): a product
            // setting, tightened for the test only. The margin still covers a check-in late on a loaded machine.
            ["Bulk:ClusterCheckinSeconds"] = "1",
            ["Bulk:ClusterCheckinMisfireSeconds"] = "5",
        };
        // Both start side by side, as a deployment's nodes do: the first to take the start-up lock creates the schema
        // while the other waits for it. Only A seeds the demo world (two seeders would each find the database empty).
        _a = NodeProcess.Start("A", app, settings);
        _b = NodeProcess.Start("B", app, new Dictionary<string, string>(settings) { ["Demo:Seed"] = "false" });
        await Task.WhenAll(ReadyAsync(_a), ReadyAsync(_b));
        _nginx = await Timings.MeasureAsync("nginx start", () => NginxBalancer.StartAsync(PublishedApp.RepositoryRoot, [_a.Port, _b.Port], Path.Combine(_directory, "nginx")));
        var served = await _nginx.NodePortServingAsync();
        (Front, Other) = served == _a.Port ? (_a, _b) : (_b, _a);
    }

    /// <summary>The node whose scheduler executes a bulk request now (Quartz's fired-trigger row names its instance).</summary>
    public NodeProcess NodeExecutingBulkRequest()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance_name FROM qrtz_fired_triggers WHERE job_name LIKE 'bulk-request-%' AND state = 'EXECUTING'";
        var instance = command.ExecuteScalar() as string ?? throw new InvalidOperationException("No node is executing a bulk request.");
        return _instances.Single(i => i.Value == instance).Key;
    }

    /// <summary>The check-in interval (ms) each scheduler of the cluster registered (Quartz's scheduler-state rows).</summary>
    public IReadOnlyList<long> CheckinIntervals()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT checkin_interval FROM qrtz_scheduler_state";
        using var reader = command.ExecuteReader();
        var intervals = new List<long>();
        while (reader.Read())
        {
            intervals.Add(reader.GetInt64(0));
        }

        return intervals;
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }

        foreach (var node in new[] { _b, _a }.OfType<NodeProcess>())
        {
            await node.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        await TestProvider.DropPostgresDatabaseAsync(ConnectionString);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private async Task ReadyAsync(NodeProcess node)
    {
        await Timings.MeasureAsync($"node {node.Name} start (process to /health/ready)", () => node.WaitReadyAsync(StartTimeout));
        // Quartz logs the instance id it generated (clustering: AUTO) when the scheduler is created.
        var instance = InstanceId().Match(node.Console) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"Node {node.Name} logged no Quartz instance id:\n{node.Console}");
        lock (_instances)
        {
            _instances[node] = instance;
        }

        // Its first page compiles the pages' code: done here, where one node's warm-up overlaps the other's start-up
        // (A seeds the demo world), instead of inside the journey's first step. Checks nothing; the journey does.
        await Timings.MeasureAsync($"node {node.Name} warm-up (sign-in page)", async () =>
        {
            using var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = StartTimeout };
            using var response = await client.GetAsync(new Uri("account/login", UriKind.Relative));
        });
    }

    [GeneratedRegex("with instanceId '([^']+)'")]
    private static partial Regex InstanceId();
}
