using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Bulk;

/// <summary>Deletes expired output files of every account and forgets their path (the download then answers 410).</summary>
public sealed class BulkFileCleaner(
    IDbContextFactory<DashboardDbContext> dbFactory, IOptions<BulkOptions> options, TimeProvider time, ILogger<BulkFileCleaner> logger)
{
    public async Task<int> CleanAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // System maintenance across accounts: the tenant filter is deliberately bypassed.
        var expired = await db.Set<BulkRequest>().IgnoreQueryFilters()
            .Where(r => r.OutputPath != null && r.ExpiresAt != null && r.ExpiresAt <= now)
            .ToListAsync(cancellationToken);
        foreach (var request in expired)
        {
            TryDelete(request.OutputPath!);
            request.OutputPath = null;
        }

        await db.SaveChangesAsync(cancellationToken);

        // Leftovers of interrupted runs (.part files) older than the retention.
        var directory = Path.Combine(options.Value.ResolveStorageRoot(), "bulk");
        if (Directory.Exists(directory))
        {
            var limit = now.AddHours(-options.Value.FileRetentionHours).UtcDateTime;
            foreach (var part in Directory.EnumerateFiles(directory, "*.part", SearchOption.AllDirectories))
            {
                if (File.GetLastWriteTimeUtc(part) < limit)
                {
                    TryDelete(part);
                }
            }
        }

        return expired.Count;
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not delete expired bulk file {Path}", path);
        }
    }
}
