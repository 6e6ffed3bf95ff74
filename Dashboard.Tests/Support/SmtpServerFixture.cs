using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dashboard.Tests.Support;

/// <summary>
/// A real SMTP server (SmtpServer) on a loopback port that keeps every message it accepts as a MimeMessage.
/// Recipients matched by <see cref="Refuse"/> are refused with 550 (a "failed address").
/// </summary>
public sealed class SmtpServerFixture : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _running;
    private int _sessions;

    public int Port { get; private set; }

    public IReadOnlyList<MimeMessage> Messages => [.. _messages];

    /// <summary>SMTP connections opened so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    public Func<string, bool> Refuse { get; set; } = _ => false;

    /// <summary>Called with each message once it is kept, before the client is told it was accepted.</summary>
    public Action<MimeMessage>? Stored { get; set; }

    public void Reset()
    {
        _messages.Clear();
        Interlocked.Exchange(ref _sessions, 0);
        Refuse = _ => false;
        Stored = null;
    }

    public async Task InitializeAsync()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = _server.StartAsync(_stop.Token);
        await WaitUntilListeningAsync();
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived (or the timeout passed).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (_messages.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Messages;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
                // Stopped as asked.
            }
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new InvalidOperationException("The test SMTP server did not start.");
    }

    private sealed class Store(SmtpServerFixture fixture) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            fixture._messages.Enqueue(message);
            fixture.Stored?.Invoke(message);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpServerFixture fixture) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!fixture.Refuse($"{to.User}@{to.Host}"));
    }
}
