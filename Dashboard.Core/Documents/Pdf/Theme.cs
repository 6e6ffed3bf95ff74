using Dashboard.Core.Domain;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Dashboard.Core.Documents.Pdf;

/// <summary>Colours and fonts shared by every document, so they look like one family.</summary>
internal static class Theme
{
    public static readonly XColor Ink = XColor.FromArgb(33, 37, 41);
    public static readonly XColor Muted = XColor.FromArgb(108, 117, 125);
    public static readonly XColor Primary = XColor.FromArgb(25, 55, 109);
    public static readonly XColor Accent = XColor.FromArgb(0, 121, 107);
    public static readonly XColor Gold = XColor.FromArgb(176, 141, 60);
    public static readonly XColor Rule = XColor.FromArgb(206, 212, 218);
    public static readonly XColor Band = XColor.FromArgb(241, 244, 249);
    public static readonly XColor Zebra = XColor.FromArgb(248, 249, 251);
    public static readonly XColor Positive = XColor.FromArgb(46, 125, 50);
    public static readonly XColor Negative = XColor.FromArgb(198, 40, 40);

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    static Theme()
    {
        EmbeddedFontResolver.EnsureInstalled();
    }

    // XFont instances are reused per thread: a report asks for the same few sizes hundreds of times.
    [ThreadStatic]
    private static Dictionary<(double Size, bool Bold), XFont>? _fonts;

    public static XFont Font(double size, bool bold = false)
    {
        _fonts ??= [];
        if (!_fonts.TryGetValue((size, bold), out var font))
        {
            font = new XFont(EmbeddedFontResolver.Sans, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
            _fonts[(size, bold)] = font;
        }

        return font;
    }

    public static XFont MonoFont(double size) => new(EmbeddedFontResolver.Mono, size, XFontStyleEx.Regular, Unicode);

    public static XColor LevelColor(ScoreLevel? level) => level switch
    {
        ScoreLevel.Initial => XColor.FromArgb(229, 115, 115),
        ScoreLevel.Basic => XColor.FromArgb(255, 167, 38),
        ScoreLevel.Operational => XColor.FromArgb(253, 216, 53),
        ScoreLevel.Advanced => XColor.FromArgb(102, 187, 106),
        ScoreLevel.Expert => XColor.FromArgb(30, 136, 229),
        _ => XColor.FromArgb(92, 107, 192),
    };
}
