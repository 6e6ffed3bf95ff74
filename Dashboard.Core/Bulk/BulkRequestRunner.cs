using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk.Kinds;
using Dashboard.Core.Data;
using Dashboard.Core.Documents;
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
/// <para>What differs between kinds (selection, documents, names, delivery) is asked of the kind's
/// <see cref="BulkKindDescriptor"/>; the zip, the candidate emails and the requester's notification are in the other parts.</para>
/// </summary>
public sealed partial class BulkRequestRunner(
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
            var kind = BulkKinds.Of(request.Kind);
            var items = await LoadItemsAsync(db, request, kind, cancellationToken);
            request.ItemsTotal = kind.ItemsTotal(items.Count);
            await db.SaveChangesAsync(cancellationToken);
            Publish(request);
            if (items.Count == 0)
            {
                request.Status = BulkStatus.Failed;
                request.Error = BulkMessages.NoCandidate(request.Kind, request.Language);
            }
            else
            {
                await DeliverAsync(db, request, kind, items, cancellationToken);

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

    private Task DeliverAsync(DashboardDbContext db, BulkRequest request, BulkKindDescriptor kind, List<BulkItem> items,
        CancellationToken cancellationToken) => kind.Delivery switch
    {
        BulkDelivery.SingleFile => WriteSingleFileAsync(request, kind, cancellationToken),
        BulkDelivery.Zip => WriteZipAsync(db, request, kind, items, cancellationToken),
        _ => SendToCandidatesAsync(db, request, kind, items, cancellationToken),
    };

    private async Task<List<BulkItem>> LoadItemsAsync(DashboardDbContext db, BulkRequest request, BulkKindDescriptor kind,
        CancellationToken cancellationToken)
    {
        var filter = await GroupReportFilter.ForAsync(db, request.GroupId, request.SubjectId, request.PeriodFrom, request.PeriodTo, cancellationToken);
        var rows = new List<ResultRow>();
        await foreach (var row in results.StreamAsync(filter, ResultsSortKeys.Name, descending: false, cancellationToken))
        {
            if (kind.Keeps(row))
            {
                rows.Add(row);
            }
        }

        // One document per candidate: their latest completed test in the period.
        return [.. rows.GroupBy(r => r.CandidateId)
            .Where(g => g.Count() >= kind.MinimumTests)
            .Select(g => g.OrderByDescending(r => r.CompletedAt).ThenByDescending(r => r.Id).First())
            .Select(r => new BulkItem(r.Id, r.CandidateId, r.FirstName, r.LastName, r.Email))];
    }

    private async Task WriteSingleFileAsync(BulkRequest request, BulkKindDescriptor kind, CancellationToken cancellationToken)
    {
        var file = await kind.ProduceForRequest!(documents,
            new GroupReportRequest(request.GroupId, request.SubjectId, request.PeriodFrom, request.PeriodTo, request.Language), cancellationToken);
        var path = OutputPath(request, Path.GetExtension(file.FileName));
        var part = path + ".part";
        await File.WriteAllBytesAsync(part, file.Content, cancellationToken);
        File.Move(part, path, overwrite: true);
        SetOutput(request, path, file.FileName, file.ContentType);
        request.ItemsDone = 1;
    }

    private void AddFailure(DashboardDbContext db, BulkRequest request, BulkItem item, string message, int attempts)
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
}
