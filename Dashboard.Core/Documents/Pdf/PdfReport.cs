// Over 250 lines: one flowing-layout engine: the cursor, page breaks, wrapping and footers share the page state, and a split would make each part reach into the others.
using Dashboard.Core.Documents.Localization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Dashboard.Core.Documents.Pdf;

/// <summary>
/// A flowing A4 document: a cursor that moves down the page, a new page (with the running header)
/// when something does not fit, and "Page n of N" footers stamped once every page exists.
/// </summary>
internal sealed class PdfReport : IDisposable
{
    public const double Margin = 42;
    private const double HeaderHeight = 34;
    private const double FooterHeight = 26;

    private readonly PdfDocument _document = new();
    private readonly string _runningTitle;
    private readonly string _generatedOn;
    private readonly PageOrientation _orientation;
    private XGraphics? _graphics;

    public PdfReport(DocumentText text, string title, string runningTitle, string generatedOn, PageOrientation orientation = PageOrientation.Portrait)
    {
        Text = text;
        _runningTitle = runningTitle;
        _generatedOn = generatedOn;
        _orientation = orientation;
        _document.Info.Title = title;
        _document.Info.Creator = "ResultsDashboard";
        _document.Options.CompressContentStreams = true;
        // Reports are small (tens of KB): compression speed matters more than the last few percent of size.
        _document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        Body = Theme.Font(9.5);
        Bold = Theme.Font(9.5, bold: true);
        Small = Theme.Font(8);
        SmallBold = Theme.Font(8, bold: true);
        NewPage();
    }

    public DocumentText Text { get; }
    public XFont Body { get; }
    public XFont Bold { get; }
    public XFont Small { get; }
    public XFont SmallBold { get; }

    public XGraphics Graphics => _graphics!;
    public PdfPage Page { get; private set; } = null!;
    public double Y { get; set; }
    public double Left { get; } = Margin;
    public double Width => Page.Width.Point - (2 * Margin);
    public double Bottom => Page.Height.Point - Margin - FooterHeight;
    public int PageCount => _document.PageCount;

    public void NewPage()
    {
        _graphics?.Dispose();
        Page = _document.AddPage();
        Page.Size = PageSize.A4;
        Page.Orientation = _orientation;
        _graphics = XGraphics.FromPdfPage(Page);
        Y = Margin;
        if (_runningTitle.Length > 0)
        {
            Graphics.DrawString(_runningTitle, Small, new XSolidBrush(Theme.Muted), new XRect(Left, Y, Width, 12), XStringFormats.TopLeft);
            Graphics.DrawString("ResultsDashboard", SmallBold, new XSolidBrush(Theme.Primary), new XRect(Left, Y, Width, 12), XStringFormats.TopRight);
            Graphics.DrawLine(new XPen(Theme.Rule, 0.6), Left, Y + 15, Left + Width, Y + 15);
            Y += HeaderHeight;
        }
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit.</summary>
    public void EnsureSpace(double height)
    {
        if (Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Title(string title, string? subtitle = null)
    {
        var font = Theme.Font(20, bold: true);
        Graphics.DrawString(title, font, new XSolidBrush(Theme.Primary), new XRect(Left, Y, Width, 26), XStringFormats.TopLeft);
        Y += 28;
        if (subtitle is not null)
        {
            Graphics.DrawString(subtitle, Theme.Font(11), new XSolidBrush(Theme.Muted), new XRect(Left, Y, Width, 16), XStringFormats.TopLeft);
            Y += 18;
        }

        Graphics.DrawRectangle(new XSolidBrush(Theme.Accent), Left, Y + 2, 48, 3);
        Y += 16;
    }

    public void Heading(string text)
    {
        EnsureSpace(48);
        Y += 6;
        Graphics.DrawString(text, Theme.Font(12.5, bold: true), new XSolidBrush(Theme.Primary), new XRect(Left, Y, Width, 18), XStringFormats.TopLeft);
        Y += 18;
        Graphics.DrawLine(new XPen(Theme.Rule, 0.6), Left, Y, Left + Width, Y);
        Y += 8;
    }

    public void Paragraph(string text, XFont? font = null, XColor? color = null)
    {
        font ??= Body;
        foreach (var line in Wrap(text, font, Width))
        {
            EnsureSpace(14);
            Graphics.DrawString(line, font, new XSolidBrush(color ?? Theme.Ink), new XRect(Left, Y, Width, 13), XStringFormats.TopLeft);
            Y += 13.5;
        }

        Y += 4;
    }

    /// <summary>Label/value pairs in <paramref name="columns"/> columns, like a form.</summary>
    public void Facts(IReadOnlyList<(string Label, string Value)> facts, int columns = 2)
    {
        var columnWidth = Width / columns;
        var rows = (facts.Count + columns - 1) / columns;
        EnsureSpace(rows * 30);
        var top = Y;
        for (var i = 0; i < facts.Count; i++)
        {
            var x = Left + (i % columns * columnWidth);
            var y = top + (i / columns * 30);
            Graphics.DrawString(facts[i].Label.ToUpperInvariant(), Theme.Font(7, bold: true), new XSolidBrush(Theme.Muted), new XRect(x, y, columnWidth, 10), XStringFormats.TopLeft);
            Graphics.DrawString(Fit(facts[i].Value, Bold, columnWidth - 8), Bold, new XSolidBrush(Theme.Ink), new XRect(x, y + 10, columnWidth, 14), XStringFormats.TopLeft);
        }

        Y = top + (rows * 30) + 4;
    }

    /// <summary>A row of highlighted figures (score, level, duration…).</summary>
    public void KeyFigures(IReadOnlyList<(string Label, string Value, XColor? Color)> figures)
    {
        const double height = 52;
        EnsureSpace(height + 10);
        var gap = 8.0;
        var boxWidth = (Width - (gap * (figures.Count - 1))) / figures.Count;
        for (var i = 0; i < figures.Count; i++)
        {
            var x = Left + (i * (boxWidth + gap));
            var box = new XRect(x, Y, boxWidth, height);
            Graphics.DrawRoundedRectangle(new XSolidBrush(Theme.Band), box, new XSize(6, 6));
            Graphics.DrawRectangle(new XSolidBrush(figures[i].Color ?? Theme.Primary), x, Y + 8, 3, height - 16);
            Graphics.DrawString(figures[i].Label, Small, new XSolidBrush(Theme.Muted), new XRect(x + 12, Y + 8, boxWidth - 16, 10), XStringFormats.TopLeft);
            // Shrink long values ("Opérationnel") rather than cut them.
            var size = 15.0;
            var valueFont = Theme.Font(size, bold: true);
            while (size > 9 && Graphics.MeasureString(figures[i].Value, valueFont).Width > boxWidth - 18)
            {
                size -= 1;
                valueFont = Theme.Font(size, bold: true);
            }

            Graphics.DrawString(Fit(figures[i].Value, valueFont, boxWidth - 16), valueFont, new XSolidBrush(Theme.Ink), new XRect(x + 12, Y + 23, boxWidth - 16, 20), XStringFormats.TopLeft);
        }

        Y += height + 10;
    }

    /// <summary>Cuts <paramref name="text"/> with an ellipsis so it fits <paramref name="width"/>.</summary>
    public string Fit(string text, XFont font, double width)
    {
        if (Graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var low = 0;
        var high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Graphics.MeasureString(string.Concat(text.AsSpan(0, mid), "…"), font).Width <= width)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return string.Concat(text.AsSpan(0, low).TrimEnd(), "…");
    }

    public IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Graphics.MeasureString(candidate, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            yield return line;
        }
    }

    public byte[] ToBytes()
    {
        StampFooters();
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }

    private void StampFooters()
    {
        _graphics?.Dispose();
        _graphics = null;
        if (_runningTitle.Length == 0)
        {
            // Single-page documents without running header (the diploma) have no footer either.
            return;
        }

        var total = _document.PageCount;
        for (var i = 0; i < total; i++)
        {
            var page = _document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - Margin - 10;
            var width = page.Width.Point - (2 * Margin);
            g.DrawLine(new XPen(Theme.Rule, 0.6), Margin, y - 6, Margin + width, y - 6);
            var brush = new XSolidBrush(Theme.Muted);
            g.DrawString(_generatedOn, Small, brush, new XRect(Margin, y, width, 10), XStringFormats.TopLeft);
            g.DrawString(Text.Format("PageOf", i + 1, total), Small, brush, new XRect(Margin, y, width, 10), XStringFormats.TopRight);
        }
    }
}
