using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Dashboard.Core.Documents.Pdf;

/// <summary>
/// Serves the DejaVu fonts embedded in this assembly to PDFsharp, so documents render identically on a
/// machine without fonts. Every family name resolves to DejaVu Sans except the monospace one. Nested composite
/// glyphs are flattened on load so PDFsharp's subsets keep every accent (see <see cref="CompositeGlyphFlattener"/>).
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Sans = "DejaVu Sans";
    public const string Mono = "DejaVu Sans Mono";

    private static readonly Lock InstallLock = new();
    private static bool _installed;

    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    /// <summary>
    /// GlobalFontSettings.FontResolver is process-wide and may be set only once (or to the same instance):
    /// the web app, the tests and the benchmark all come through here.
    /// </summary>
    public static void EnsureInstalled()
    {
        if (Volatile.Read(ref _installed))
        {
            return;
        }

        lock (InstallLock)
        {
            if (_installed)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
            }

            Volatile.Write(ref _installed, true);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var mono = familyName.Contains("mono", StringComparison.OrdinalIgnoreCase);
        var face = mono ? "DejaVuSansMono" : bold ? "DejaVuSans-Bold" : "DejaVuSans";
        // No italic face is shipped: PDFsharp simulates the slant.
        return new FontResolverInfo(face, mustSimulateBold: mono && bold, mustSimulateItalic: italic);
    }

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, static name =>
    {
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream($"Dashboard.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The embedded font {name} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return CompositeGlyphFlattener.Flatten(buffer.ToArray());
    });
}
