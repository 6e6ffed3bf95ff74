using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Core.Email;

/// <summary>SMTP through MailKit, or .eml files in the pickup directory when no host is configured.</summary>
public sealed class MailKitEmailSender(IOptions<SmtpOptions> options, TimeProvider time) : IEmailSender
{
    private readonly SmtpOptions _options = options.Value;

    public Task<IEmailBatch> OpenBatchAsync(CancellationToken cancellationToken = default)
    {
        IEmailBatch batch = _options.UsesPickupDirectory
            ? new PickupEmailBatch(_options, ResolvePickupDirectory(_options), time)
            : new SmtpEmailBatch(_options);
        return Task.FromResult(batch);
    }

    public static string ResolvePickupDirectory(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PickupDirectory ?? Path.Combine(AppContext.BaseDirectory, "App_Data", "outbox");
    }

    internal static MimeMessage ToMime(SmtpOptions options, EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(options.FromAddress());
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Subject = message.Subject;
        var body = new BodyBuilder { HtmlBody = message.HtmlBody };
        foreach (var attachment in message.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    private sealed class SmtpEmailBatch(SmtpOptions options) : IEmailBatch
    {
        private readonly SmtpClient _client = new() { Timeout = options.TimeoutSeconds * 1000 };

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(message);
            using var mime = ToMime(options, message);
            await EnsureConnectedAsync(cancellationToken);
            await _client.SendAsync(mime, cancellationToken);
        }

        private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
        {
            // Connect once; a connection the server dropped is re-opened on the next message.
            if (_client.IsConnected)
            {
                return;
            }

            var security = options.UseSsl ? SecureSocketOptions.SslOnConnect
                : options.StartTls ? SecureSocketOptions.StartTls
                : SecureSocketOptions.StartTlsWhenAvailable;
            // Nagle would hold the short "." that ends DATA until the server's delayed ACK (~40 ms a message).
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(options.Host!, options.Port, cancellationToken);
                await _client.ConnectAsync(socket, options.Host!, options.Port, security, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            if (!string.IsNullOrEmpty(options.User))
            {
                await _client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                try
                {
                    await _client.DisconnectAsync(quit: true);
                }
                catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.ServiceNotConnectedException)
                {
                    // The server went away first: nothing left to close politely.
                }
            }

            _client.Dispose();
        }
    }

    private sealed class PickupEmailBatch(SmtpOptions options, string directory, TimeProvider time) : IEmailBatch
    {
        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(message);
            Directory.CreateDirectory(directory);
            using var mime = ToMime(options, message);
            mime.Date = time.GetUtcNow();
            var name = FormattableString.Invariant($"{time.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
            var temp = Path.Combine(directory, name + ".tmp");
            // Written under a temporary name then renamed: a reader of the folder never sees half a message.
            await using (var stream = File.Create(temp))
            {
                await mime.WriteToAsync(stream, cancellationToken);
            }

            File.Move(temp, Path.Combine(directory, name));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
