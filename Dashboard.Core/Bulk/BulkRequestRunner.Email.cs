using Dashboard.Core.Bulk.Kinds;
using Dashboard.Core.Data;
using Dashboard.Core.Documents;
using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Bulk;

/// <summary>The kinds that email each candidate their document, exactly once (see the policy on the class).</summary>
public sealed partial class BulkRequestRunner
{
    private async Task SendToCandidatesAsync(DashboardDbContext db, BulkRequest request, BulkKindDescriptor kind, List<BulkItem> items,
        CancellationToken cancellationToken)
    {
        var accountName = await db.Accounts.AsNoTracking().Where(a => a.Id == request.AccountId).Select(a => a.Name)
            .FirstOrDefaultAsync(cancellationToken) ?? "";
        var sends = await db.Set<EmailSend>().Where(e => e.BulkRequestId == request.Id)
            .ToDictionaryAsync(e => e.IdempotencyKey, cancellationToken);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        await using var batch = await emailSender.OpenBatchAsync(cancellationToken);
        bool NeedsDocument(BulkItem item) =>
            !sends.ContainsKey(EmailSend.KeyFor(request.Id, item.CandidateId, request.Kind))
            || sends[EmailSend.KeyFor(request.Id, item.CandidateId, request.Kind)].Status == EmailSendStatus.Failed;
        foreach (var (item, document) in ProduceAhead(request, kind, items, NeedsDocument, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = EmailSend.KeyFor(request.Id, item.CandidateId, request.Kind);
            sends.TryGetValue(key, out var send);
            if (send?.Status == EmailSendStatus.Sent)
            {
                await AdvanceAsync(db, request, cancellationToken);
                continue;
            }

            if (send?.Status == EmailSendStatus.Pending)
            {
                AddFailure(db, request, item, BulkMessages.DeliveryUnknown(send.Recipient, request.Language), send.Attempts);
                await AdvanceAsync(db, request, cancellationToken);
                continue;
            }

            if (string.IsNullOrWhiteSpace(item.Email) || !MimeKit.MailboxAddress.TryParse(item.Email, out _))
            {
                AddFailure(db, request, item, BulkMessages.InvalidAddress(item.Email, request.Language), attempts: 0);
                await AdvanceAsync(db, request, cancellationToken);
                continue;
            }

            GeneratedFile file;
            try
            {
                file = await (document ?? kind.ProduceForItem!(documents, request, item, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Bulk request {RequestId}: the document of registration {RegistrationId} failed", request.Id, item.RegistrationId);
                AddFailure(db, request, item, BulkMessages.DocumentFailed(request.Kind, request.Language), attempts: 0);
                await AdvanceAsync(db, request, cancellationToken);
                continue;
            }

            EmailMessage message;
            try
            {
                var html = await templates.RenderHtmlAsync(
                    new CandidateDocumentEmail(request.Language, item.DisplayName, request.SubjectName, kind.IsCertificate, accountName), cancellationToken);
                message = new EmailMessage(item.Email, item.DisplayName, DocumentText.For(request.Language).Format(kind.EmailSubjectKey, request.SubjectName), html)
                {
                    Attachments = [new EmailAttachment(UniqueName(names, item, request, kind), file.ContentType, file.Content)],
                };
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Bulk request {RequestId}: the email to candidate {CandidateId} could not be prepared", request.Id, item.CandidateId);
                AddFailure(db, request, item, BulkMessages.EmailNotPrepared(request.Language), attempts: 0);
                await AdvanceAsync(db, request, cancellationToken);
                continue;
            }

            if (send is null)
            {
                send = new EmailSend
                {
                    AccountId = request.AccountId,
                    BulkRequestId = request.Id,
                    CandidateId = item.CandidateId,
                    RegistrationId = item.RegistrationId,
                    IdempotencyKey = key,
                    Recipient = item.Email,
                    CreatedAt = time.GetUtcNow(),
                };
                db.Add(send);
                sends[key] = send;
            }

            if (await SendWithRetriesAsync(db, batch, send, message, cancellationToken) is { } error)
            {
                logger.LogWarning(error, "Bulk request {RequestId}: sending to candidate {CandidateId} failed after {Attempts} attempt(s)",
                    request.Id, item.CandidateId, send.Attempts);
                var refused = error is MailKit.Net.Smtp.SmtpCommandException { ErrorCode: MailKit.Net.Smtp.SmtpErrorCode.RecipientNotAccepted };
                AddFailure(db, request, item, refused
                    ? BulkMessages.AddressRefused(send.Recipient, send.Attempts, request.Language)
                    : BulkMessages.SendFailed(send.Recipient, send.Attempts, request.Language), send.Attempts);
            }

            await AdvanceAsync(db, request, cancellationToken);
        }
    }

    /// <summary>Pending is stored before each attempt, Sent right after SMTP accepted the message. Returns the last error, or null once sent.</summary>
    private async Task<Exception?> SendWithRetriesAsync(DashboardDbContext db, IEmailBatch batch, EmailSend send, EmailMessage message,
        CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (var attempt = 1; attempt <= _options.MaxSendAttempts; attempt++)
        {
            send.Status = EmailSendStatus.Pending;
            send.Attempts++;
            await db.SaveChangesAsync(cancellationToken);
            try
            {
                await batch.SendAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Refused or broken before acceptance: not delivered, safe to try again.
                last = ex;
                send.Status = EmailSendStatus.Failed;
                send.LastError = ex.Message;
                await db.SaveChangesAsync(CancellationToken.None);
                if (attempt < _options.MaxSendAttempts)
                {
                    var delay = TimeSpan.FromMilliseconds(_options.RetryBaseDelayMilliseconds * Math.Pow(2, attempt - 1));
                    if (delay > TimeSpan.Zero)
                    {
                        await Task.Delay(delay, time, cancellationToken);
                    }
                }

                continue;
            }

            // Accepted by the server: record it whatever happens next, or a rerun would count it unknown.
            send.Status = EmailSendStatus.Sent;
            send.SentAt = time.GetUtcNow();
            send.LastError = null;
            await db.SaveChangesAsync(CancellationToken.None);
            return null;
        }

        return last ?? new InvalidOperationException("Bulk:MaxSendAttempts allowed no attempt.");
    }
}
