using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Proctoring;

/// <summary>Section "Proctoring": where captures are kept and the per-account upload limits.</summary>
public sealed class ProctoringOptions
{
    public const string Section = "Proctoring";

    /// <summary>The blob store's folder; defaults to <c>captures</c> under <c>Storage:Root</c> (App_Data).</summary>
    public string? StorageRoot { get; set; }

    /// <summary>Largest accepted image, in bytes.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxCaptureBytes { get; set; } = 3 * 1024 * 1024;

    /// <summary>Most captures (webcam, screen and ID document together) an account may store for one sitting.</summary>
    [Range(1, 100_000)]
    public int MaxCapturesPerSitting { get; set; } = 1000;

    /// <summary>Largest decoded size in pixels: a small file that expands to gigabytes is refused.</summary>
    [Range(1, 200_000_000)]
    public int MaxPixels { get; set; } = 40_000_000;

    [Range(1, 365)]
    public int ExplanationLinkDays { get; set; } = 7;
}
