using System.IO.Compression;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Core.Email;
using Dashboard.Core.Live;
using Dashboard.Core.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Bulk;

/// <summary>
/// Executes one bulk request. Idempotent and resumable: running it again after a crash or a cancellation
/// re-creates files from scratch (a ZIP is written to a .part file and renamed when complete) and, for
/// candidate emails, skips every idempotency key already marked Sent.
/// <para>
/// Exactly-once policy for candidate emails: the key is stored as Pending before the message is handed to
/// SMTP and marked Sent as soon as the server accepted it (recorded even if cancellation was requested
/// meanwhile). A key still Pending when a run starts means the previous run stopped inside that window:
/// the message may or may not have left. It is not sent again (at most once — a duplicate report is worse
/// than a missing one, which the administrator sees) and is reported as a failure to check by hand.
/// A send that failed with an error is known not to have been accepted; it is retried with exponential
/// backoff, then reported, and retried again by the Retry button.
/// </para>
/// </summary>
public sealed class BulkRequestRunner(
    IDbContextFactory<DashboardDbContext> dbFactory,
    AccountScope scope,
    IResultsQuery results,
    IDocumentService documents,
    IEmailSender emailSender,
    IEmailTemplateRenderer templates,
    IAccountFeed<BulkProgress> feed,
    IOptions<BulkOptions> options,
    TimeProvider time,
    ILogger<BulkRequestRunner> logger)
{
    private readonly BulkOptions _options = options.Value;

    /// <summary>One document to produce or send: a candidate's latest completed test of the request.</summary>
    internal sealed record Item(int RegistrationId, int CandidateId, string FirstName, string LastName, string Email)
    {
        public string DisplayName => $"{FirstName} {LastName}";
    }

    public async Task RunAsync(int requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.Set<BulkRequest>().Include(r => r.Failures)
            .FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            logger.LogWarning("Bulk request {RequestId} not found for account {AccountId}", requestId, scope.AccountId);
            return;
        }

        if (request.IsFinished)
        {
            // A stale trigger (or a recovery after the end): nothing left to do. Retry re-queues first.
            return;
        }

        request.Status = BulkStatus.Running;
        request.StartedAt = time.GetUtcNow();
        request.FinishedAt = null;
        request.RunCount++;
        request.Error = null;
        request.ItemsDone = 0;
        request.ItemsFailed = 0;
        db.RemoveRange(request.Failures);
        await db.SaveChangesAsync(cancellationToken);
        Publish(request);

        try
        {
            var items = await LoadItemsAsync(db, request, cancellationToken);
            request.ItemsTotal = BulkRequest.IsSendKind(request.Kind) || IsZipKind(request.Kind) ? items.Count : 1;
            await db.SaveChangesAsync(cancellationToken);
            Publish(request);
            if (items.Count == 0)
            {
                request.Status = BulkStatus.Failed;
                request.Error = BulkMessages.NoCandidate(request.Kind, request.Language);
            }
            else
            {
                switch (request.Kind)
                {
                    case BulkKind.GroupReport or BulkKind.GroupProgressionReport or BulkKind.SkillsFile:
                        await WriteSingleFileAsync(request, cancellationToken);
                        break;
                    case BulkKind.AllIndividualReports or BulkKind.AllIndividualProgressionReports or BulkKind.AllCertificates:
                        await WriteZipAsync(db, request, items, cancellationToken);
                        break;
                    default:
                        await SendToCandidatesAsync(db, request, items, cancellationToken);
                        break;
                }

                request.Status = request.ItemsFailed == 0 ? BulkStatus.Completed
                    : request.ItemsFailed >= request.ItemsTotal ? BulkStatus.Failed
                    : BulkStatus.CompletedWithFailures;
                if (request.Status == BulkStatus.Failed)
                {
                    request.Error = BulkMessages.NothingProduced(request.Language);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Left Running: the job store re-fires it (recovery) or start-up re-schedules it, and the next run resumes.
            await db.SaveChangesAsync(CancellationToken.None);
            Publish(request);
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Bulk request {RequestId} failed", request.Id);
            request.Status = BulkStatus.Failed;
            // The user reads a sentence; the exception is in the log above.
            request.Error = ex is NotFoundException ? BulkMessages.GroupOrTestGone(request.Language) : BulkMessages.Unexpected(request.Language);
        }

        var now = time.GetUtcNow();
        request.FinishedAt = now;
        if (request.OutputPath is not null && request.Status != BulkStatus.Failed)
        {
            request.ExpiresAt = now.AddHours(_options.FileRetentionHours);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        Publish(request);
        await NotifyRequesterAsync(request, cancellationToken);
    }

    private static bool IsZipKind(BulkKind kind) =>
        kind is BulkKind.AllIndividualReports or BulkKind.AllIndividualProgressionReports or BulkKind.AllCertificates;

    private async Task<List<Item>> LoadItemsAsync(DashboardDbContext db, BulkRequest request, CancellationToken cancellationToken)
    {
        var filter = await GroupReportFilter.ForAsync(db, request.GroupId, request.SubjectId, request.PeriodFrom, request.PeriodTo, cancellationToken);
        var rows = new List<ResultRow>();
        await foreach (var row in results.StreamAsync(filter, ResultsSortKeys.Name, descending: false, cancellationToken))
        {
            if (request.Kind is BulkKind.AllCertificates or BulkKind.SendCertificatesToCandidates
                && !(row.TestType == TestType.Certification && row.CertificateValidated))
            {
                continue;
            }

            rows.Add(row);
        }

        var minimumTests = request.Kind is BulkKind.AllIndividualProgressionReports or BulkKind.GroupProgressionReport ? 2 : 1;
        // One document per candidate: their latest completed test in the period.
        return [.. rows.GroupBy(r => r.CandidateId)
            .Where(g => g.Count() >= minimumTests)
            .Select(g => g.OrderByDescending(r => r.CompletedAt).ThenByDescending(r => r.Id).First())
            .Select(r => new Item(r.Id, r.CandidateId, r.FirstName, r.LastName, r.Email))];
    }

    private static GroupReportRequest DocumentRequest(BulkRequest request) =>
        new(request.GroupId, request.SubjectId, request.PeriodFrom, request.PeriodTo, request.Language);

    private async Task WriteSingleFileAsync(BulkRequest request, CancellationToken cancellationToken)
    {
        var file = request.Kind switch
        {
            BulkKind.GroupReport => await documents.GroupReportAsync(DocumentRequest(request), cancellationToken),
            BulkKind.GroupProgressionReport => await documents.GroupProgressionReportAsync(DocumentRequest(request), cancellationToken),
            _ => await documents.SkillsFileAsync(DocumentRequest(request), cancellationToken),
        };
        var path = OutputPath(request, Path.GetExtension(file.FileName));
        var part = path + ".part";
        await File.WriteAllBytesAsync(part, file.Content, cancellationToken);
        File.Move(part, path, overwrite: true);
        SetOutput(request, path, file.FileName, file.ContentType);
        request.ItemsDone = 1;
    }

    private async Task WriteZipAsync(DashboardDbContext db, BulkRequest request, List<Item> items, CancellationToken cancellationToken)
    {
        var path = OutputPath(request, ".zip");
        var part = path + ".part";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var stream = new FileStream(part, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, useAsync: true))
        {
            // Create mode writes each entry straight to the file: memory holds the few documents being produced ahead.
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (item, document) in ProduceAhead(request, items, _ => true, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                GeneratedFile file;
                try
                {
                    file = await document!;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Bulk request {RequestId}: the document of registration {RegistrationId} failed", request.Id, item.RegistrationId);
                    AddFailure(db, request, item, BulkMessages.DocumentFailed(request.Kind, request.Language), attempts: 1);
                    await AdvanceAsync(db, request, cancellationToken);
                    continue;
                }

                var entry = zip.CreateEntry(UniqueName(names, item, request), CompressionLevel.Fastest);
                await using (var entryStream = await entry.OpenAsync(cancellationToken))
                {
                    await entryStream.WriteAsync(file.Content, cancellationToken);
                }

                await AdvanceAsync(db, request, cancellationToken);
            }
        }

        File.Move(part, path, overwrite: true);
        var label = request.Kind switch
        {
            BulkKind.AllCertificates => request.Language == "fr" ? "certificats" : "certificates",
            BulkKind.AllIndividualProgressionReports => request.Language == "fr" ? "progressions" : "progression reports",
            _ => request.Language == "fr" ? "rapports" : "reports",
        };
        SetOutput(request, path, SafeFileName($"{request.GroupName} - {request.SubjectName} - {label}.zip"), "application/zip");
    }

    /// <summary>
    /// The items in order, each with its document already being produced: up to DocumentParallelism documents are
    /// rendered ahead on the thread pool while the caller writes or sends the earlier ones one at a time.
    /// </summary>
    private IEnumerable<(Item Item, Task<GeneratedFile>? Document)> ProduceAhead(BulkRequest request, List<Item> items,
        Func<Item, bool> needsDocument, CancellationToken cancellationToken)
    {
        var window = new Queue<(Item, Task<GeneratedFile>?)>();
        var next = 0;
        var ahead = Math.Max(1, _options.DocumentParallelism);
        while (next < items.Count || window.Count > 0)
        {
            while (next < items.Count && window.Count < ahead)
            {
                var item = items[next++];
                window.Enqueue((item, needsDocument(item) ? Task.Run(() => ProduceAsync(request, item, cancellationToken), cancellationToken) : null));
            }

            yield return window.Dequeue();
        }
    }

    private Task<GeneratedFile> ProduceAsync(BulkRequest request, Item item, CancellationToken cancellationToken) => request.Kind switch
    {
        BulkKind.AllCertificates or BulkKind.SendCertificatesToCandidates =>
            documents.CertificateAsync(item.RegistrationId, request.Language, cancellationToken),
        BulkKind.AllIndividualProgressionReports =>
            documents.IndividualProgressionReportAsync(item.CandidateId, request.SubjectId, request.Language, cancellationToken),
        _ => documents.IndividualReportAsync(item.RegistrationId, request.Language, cancellationToken),
    };

    private async Task SendToCandidatesAsync(DashboardDbContext db, BulkRequest request, List<Item> items, CancellationToken cancellationToken)
    {
        var isCertificate = request.Kind == BulkKind.SendCertificatesToCandidates;
        var accountName = await db.Accounts.AsNoTracking().Where(a => a.Id == request.AccountId).Select(a => a.Name)
            .FirstOrDefaultAsync(cancellationToken) ?? "";
        var sends = await db.Set<EmailSend>().Where(e => e.BulkRequestId == request.Id)
            .ToDictionaryAsync(e => e.IdempotencyKey, cancellationToken);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        await using var batch = await emailSender.OpenBatchAsync(cancellationToken);
        bool NeedsDocument(Item item) =>
            !sends.ContainsKey(EmailSend.KeyFor(request.Id, item.CandidateId, request.Kind))
            || sends[EmailSend.KeyFor(request.Id, item.CandidateId, request.Kind)].Status == EmailSendStatus.Failed;
        foreach (var (item, document) in ProduceAhead(request, items, NeedsDocument, cancellationToken))
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
                file = await (document ?? ProduceAsync(request, item, cancellationToken));
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
                    new CandidateDocumentEmail(request.Language, item.DisplayName, request.SubjectName, isCertificate, accountName), cancellationToken);
                message = new EmailMessage(item.Email, item.DisplayName, EmailSubjects.CandidateDocument(request.Language, request.SubjectName, isCertificate), html)
                {
                    Attachments = [new EmailAttachment(UniqueName(names, item, request), file.ContentType, file.Content)],
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

    private void AddFailure(DashboardDbContext db, BulkRequest request, Item item, string message, int attempts)
    {
        request.ItemsFailed++;
        db.Add(new BulkItemFailure
        {
            AccountId = request.AccountId,
            BulkRequestId = request.Id,
            CandidateId = item.CandidateId,
            RegistrationId = item.RegistrationId,
            ItemName = $"{item.DisplayName} <{item.Email}>",
            Message = message.Length > 2000 ? message[..2000] : message,
            Attempts = attempts,
            At = time.GetUtcNow(),
        });
    }

    /// <summary>One more item processed (produced, sent, skipped or failed); stored and published every N.</summary>
    private async Task AdvanceAsync(DashboardDbContext db, BulkRequest request, CancellationToken cancellationToken)
    {
        request.ItemsDone++;
        if (request.ItemsDone % _options.ProgressEvery == 0 || request.ItemsDone == request.ItemsTotal)
        {
            await db.SaveChangesAsync(cancellationToken);
            Publish(request);
        }
    }

    private void Publish(BulkRequest request) =>
        feed.Publish(new BulkProgress(request.AccountId, request.Id, request.Status, request.ItemsDone, request.ItemsTotal, request.ItemsFailed));

    private string OutputPath(BulkRequest request, string extension)
    {
        var directory = Path.Combine(_options.ResolveStorageRoot(), "bulk", request.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, FormattableString.Invariant($"{request.Id}{extension}"));
    }

    private static void SetOutput(BulkRequest request, string path, string fileName, string contentType)
    {
        request.OutputPath = path;
        request.OutputFileName = fileName;
        request.OutputContentType = contentType;
        request.OutputBytes = new FileInfo(path).Length;
    }

    private static string UniqueName(HashSet<string> taken, Item item, BulkRequest request)
    {
        var kind = request.Kind switch
        {
            BulkKind.AllCertificates or BulkKind.SendCertificatesToCandidates => request.Language == "fr" ? "certificat" : "certificate",
            BulkKind.AllIndividualProgressionReports => "progression",
            _ => request.Language == "fr" ? "rapport" : "report",
        };
        var baseName = SafeFileName($"{item.LastName} {item.FirstName} - {request.SubjectName} {kind}");
        var name = baseName + ".pdf";
        for (var n = 2; !taken.Add(name); n++)
        {
            name = FormattableString.Invariant($"{baseName} ({n}).pdf");
        }

        return name;
    }

    internal static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var chars = name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray();
        return new string(chars).Trim();
    }

    private async Task NotifyRequesterAsync(BulkRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RequestedByEmail))
        {
            return;
        }

        try
        {
            var baseUrl = _options.PublicBaseUrl.TrimEnd('/');
            var hasFile = request.OutputPath is not null && request.Status != BulkStatus.Failed;
            var attach = hasFile && request.OutputBytes <= _options.AttachMaxBytes;
            AccountCalendar calendar;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                calendar = await AccountCalendar.LoadAsync(db, request.AccountId, cancellationToken);
            }

            var model = new BulkCompletedEmail(request.Language, request.RequestedByName, BulkKindNames.Of(request.Kind, request.Language),
                request.GroupName, request.SubjectName, hasFile ? baseUrl + BulkRequestService.DownloadPath(request.Id) : null, attach,
                request.ItemsDone - request.ItemsFailed, request.ItemsTotal, request.ItemsFailed, calendar.ToLocal(request.ExpiresAt), baseUrl + "/jobs", calendar.ZoneName);
            var html = await templates.RenderHtmlAsync(model, cancellationToken);
            var message = new EmailMessage(request.RequestedByEmail, request.RequestedByName,
                EmailSubjects.RequestFinished(request.Language, model.ActionName, request.GroupName, request.Status), html);
            if (attach)
            {
                message = message with
                {
                    Attachments = [new EmailAttachment(request.OutputFileName!, request.OutputContentType!,
                        await File.ReadAllBytesAsync(request.OutputPath!, cancellationToken))],
                };
            }

            await using var batch = await emailSender.OpenBatchAsync(cancellationToken);
            await batch.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The file stays available on the Jobs page; a lost notification must not fail the request.
            logger.LogWarning(ex, "Could not email the requester of bulk request {RequestId}", request.Id);
        }
    }
}
