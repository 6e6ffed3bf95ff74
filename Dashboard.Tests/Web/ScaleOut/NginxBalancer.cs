using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Web.ScaleOut;

/// <summary>
/// nginx on loopback with the shipped <c>deploy/nginx.conf</c>: a copy with only its ports replaced (the nodes' and
/// the listening one), included from a minimal main configuration that keeps every file nginx writes in a test
/// directory (no root needed) and logs which node served each request.
/// </summary>
public sealed partial class NginxBalancer : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/nginx";
    private readonly Process _process;
    private readonly string _directory;

    private NginxBalancer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public static async Task<NginxBalancer> StartAsync(string repositoryRoot, IReadOnlyList<int> nodePorts, string directory)
    {
        Directory.CreateDirectory(directory);
        var port = NodeProcess.FreePort();
        var shipped = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "deploy", "nginx.conf"));
        var servers = 0;
        var rendered = UpstreamServer().Replace(shipped, _ => $"server 127.0.0.1:{nodePorts[servers++]} ");
        Assert.Equal(nodePorts.Count, servers);
        Assert.Matches(Listen(), rendered);
        rendered = Listen().Replace(rendered, $"listen 127.0.0.1:{port};");
        await File.WriteAllTextAsync(Path.Combine(directory, "dashboard.conf"), rendered);
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log notice;
            events { worker_connections 512; }
            http {
                log_format node '$request_uri $upstream_addr';
                access_log {{directory}}/access.log node;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/dashboard.conf;
            }
            """);
        var start = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", directory, "-e", Path.Combine(directory, "error.log"), "-c", Path.Combine(directory, "nginx.conf") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var balancer = new NginxBalancer(process, directory, port);
        await balancer.WaitAnsweringAsync();
        return balancer;
    }

    /// <summary>The node port that served a request through the balancer (read from its access log).</summary>
    public async Task<int> NodePortServingAsync()
    {
        var probe = "/health/live?probe=" + Guid.NewGuid().ToString("N");
        using var client = new HttpClient { BaseAddress = BaseAddress };
        (await client.GetAsync(new Uri(probe, UriKind.Relative))).EnsureSuccessStatusCode();
        for (var i = 0; i < 100; i++)
        {
            var line = (await ReadAccessLogAsync()).FirstOrDefault(l => l.StartsWith(probe + " ", StringComparison.Ordinal));
            if (line is not null)
            {
                return new Uri("http://" + line[(probe.Length + 1)..].Trim()).Port;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("nginx did not log the probe.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task<string[]> ReadAccessLogAsync()
    {
        var path = Path.Combine(_directory, "access.log");
        if (!File.Exists(path))
        {
            return [];
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync()).Split('\n');
    }

    private async Task WaitAnsweringAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 200; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("nginx exited: " + await _process.StandardError.ReadToEndAsync()
                    + await File.ReadAllTextAsync(Path.Combine(_directory, "error.log")));
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health/live", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("nginx did not answer.");
    }

    [GeneratedRegex(@"server 127\.0\.0\.1:\d+ ")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"listen 127\.0\.0\.1:\d+;")]
    private static partial Regex Listen();
}
