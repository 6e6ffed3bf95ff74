using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Bulk;

/// <summary>Configuration section "Bulk".</summary>
public sealed class BulkOptions
{
    public const string Section = "Bulk";

    /// <summary>Generated files are deleted this long after completion.</summary>
    [Range(1, 24 * 365)]
    public int FileRetentionHours { get; set; } = 72;

    /// <summary>Absolute base of the links in emails.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://localhost:5088";

    /// <summary>The requester's email carries the file itself when it is at most this big.</summary>
    [Range(0, long.MaxValue)]
    public long AttachMaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Where generated files go (bulk/&lt;account&gt;/&lt;request&gt;.*); defaults to App_Data.</summary>
    public string? StorageRoot { get; set; }

    /// <summary>Progress is stored and published every N items.</summary>
    [Range(1, 10_000)]
    public int ProgressEvery { get; set; } = 10;

    /// <summary>Attempts per candidate email before it is reported as failed.</summary>
    [Range(1, 10)]
    public int MaxSendAttempts { get; set; } = 3;

    /// <summary>Backoff before the 2nd attempt; doubled for each next one.</summary>
    [Range(0, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>Documents rendered ahead in parallel while the ZIP or the SMTP batch takes them one at a time.</summary>
    [Range(1, 64)]
    public int DocumentParallelism { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>
    /// PostgreSQL only: how often each node's scheduler checks in to the cluster, and how late past that a node may be
    /// before another takes over its running requests. Lower means a quicker takeover after a crash, at the price of
    /// more database round trips and of a busy node taken for dead sooner (its runner is idempotent either way).
    /// </summary>
    [Range(1, 300)]
    public int ClusterCheckinSeconds { get; set; } = 5;

    /// <inheritdoc cref="ClusterCheckinSeconds"/>
    [Range(1, 600)]
    public int ClusterCheckinMisfireSeconds { get; set; } = 15;

    public string ResolveStorageRoot() => StorageRoot ?? Path.Combine(AppContext.BaseDirectory, "App_Data");
}
