using Dashboard.Core.Accounts;
using Dashboard.Core.Email;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Bulk;

/// <summary>The email telling the requester their request finished, with the file attached when it is small enough.</summary>
public sealed partial class BulkRequestRunner
{
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
