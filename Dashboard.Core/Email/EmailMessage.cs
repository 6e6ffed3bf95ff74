namespace Dashboard.Core.Email;

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>One email to one recipient.</summary>
public sealed record EmailMessage(string ToAddress, string ToName, string Subject, string HtmlBody)
{
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>Sends many messages over one connection (SMTP) or into the pickup folder. Open, send many, dispose.</summary>
public interface IEmailBatch : IAsyncDisposable
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

public interface IEmailSender
{
    /// <summary>Opens a batch: with SMTP, one connection (made on the first send) is reused by every message.</summary>
    Task<IEmailBatch> OpenBatchAsync(CancellationToken cancellationToken = default);
}
