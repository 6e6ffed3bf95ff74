using System.IO.Compression;
using Dashboard.Core.Bulk.Kinds;
using Dashboard.Core.Data;
using Dashboard.Core.Documents;
using Dashboard.Core.Documents.Localization;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Bulk;

/// <summary>The ZIP kinds, and the documents produced ahead and named for the ZIP and the candidate emails.</summary>
public sealed partial class BulkRequestRunner
{
    private async Task WriteZipAsync(DashboardDbContext db, BulkRequest request, BulkKindDescriptor kind, List<BulkItem> items,
        CancellationToken cancellationToken)
    {
        var path = OutputPath(request, ".zip");
        var part = path + ".part";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var stream = new FileStream(part, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, useAsync: true))
        {
            // Create mode writes each entry straight to the file: memory holds the few documents being produced ahead.
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (item, document) in ProduceAhead(request, kind, items, _ => true, cancellationToken))
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

                var entry = zip.CreateEntry(UniqueName(names, item, request, kind), CompressionLevel.Fastest);
                await using (var entryStream = await entry.OpenAsync(cancellationToken))
                {
                    await entryStream.WriteAsync(file.Content, cancellationToken);
                }

                await AdvanceAsync(db, request, cancellationToken);
            }
        }

        File.Move(part, path, overwrite: true);
        var label = DocumentText.For(request.Language)[kind.ZipLabelKey];
        SetOutput(request, path, SafeFileName($"{request.GroupName} - {request.SubjectName} - {label}.zip"), "application/zip");
    }

    /// <summary>
    /// The items in order, each with its document already being produced: up to DocumentParallelism documents are
    /// rendered ahead on the thread pool while the caller writes or sends the earlier ones one at a time.
    /// </summary>
    private IEnumerable<(BulkItem Item, Task<GeneratedFile>? Document)> ProduceAhead(BulkRequest request, BulkKindDescriptor kind,
        List<BulkItem> items, Func<BulkItem, bool> needsDocument, CancellationToken cancellationToken)
    {
        var window = new Queue<(BulkItem, Task<GeneratedFile>?)>();
        var next = 0;
        var ahead = Math.Max(1, _options.DocumentParallelism);
        while (next < items.Count || window.Count > 0)
        {
            while (next < items.Count && window.Count < ahead)
            {
                var item = items[next++];
                window.Enqueue((item, needsDocument(item)
                    ? Task.Run(() => kind.ProduceForItem!(documents, request, item, cancellationToken), cancellationToken)
                    : null));
            }

            yield return window.Dequeue();
        }
    }

    private static string UniqueName(HashSet<string> taken, BulkItem item, BulkRequest request, BulkKindDescriptor kind)
    {
        var word = DocumentText.For(request.Language)[kind.ItemFileKey];
        var baseName = SafeFileName($"{item.LastName} {item.FirstName} - {request.SubjectName} {word}");
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
}
