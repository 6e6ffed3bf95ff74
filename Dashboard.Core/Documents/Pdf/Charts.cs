using PdfSharp.Drawing;

namespace Dashboard.Core.Documents.Pdf;

internal sealed record Bar(string Label, double Value, string ValueText, XColor Color);

internal sealed record PairedBar(string Label, double First, double Second, string FirstText, string SecondText);

/// <summary>Vector charts drawn with XGraphics: crisp at any zoom, a few hundred bytes each.</summary>
internal static class Charts
{
    /// <summary>Horizontal bars on a 0–<paramref name="max"/> axis with gridlines (per-skill scores).</summary>
    public static void HorizontalBars(PdfReport report, IReadOnlyList<Bar> bars, double max)
    {
        const double barHeight = 14;
        const double gap = 9;
        var labelWidth = Math.Min(170, report.Width * 0.34);
        var valueWidth = 105;
        var plotLeft = report.Left + labelWidth;
        var plotWidth = report.Width - labelWidth - valueWidth;
        var height = (bars.Count * (barHeight + gap)) + 18;
        report.EnsureSpace(height);
        var g = report.Graphics;
        var top = report.Y;
        var gridPen = new XPen(Theme.Rule, 0.4) { DashStyle = XDashStyle.Dot };
        var muted = new XSolidBrush(Theme.Muted);
        for (var t = 0; t <= 4; t++)
        {
            var x = plotLeft + (plotWidth * t / 4);
            g.DrawLine(gridPen, x, top, x, top + (bars.Count * (barHeight + gap)));
            g.DrawString(report.Text.Number(max * t / 4), report.Small, muted, new XRect(x - 20, top + (bars.Count * (barHeight + gap)) + 2, 40, 10), XStringFormats.TopCenter);
        }

        var ink = new XSolidBrush(Theme.Ink);
        for (var i = 0; i < bars.Count; i++)
        {
            var y = top + (i * (barHeight + gap)) + (gap / 2);
            var bar = bars[i];
            Label(report, bar.Label, report.Left, y + (barHeight / 2), labelWidth - 10);
            g.DrawRectangle(new XSolidBrush(Theme.Band), plotLeft, y, plotWidth, barHeight);
            var w = max > 0 ? plotWidth * Math.Clamp(bar.Value / max, 0, 1) : 0;
            g.DrawRectangle(new XSolidBrush(bar.Color), plotLeft, y, Math.Max(w, 1.5), barHeight);
            g.DrawString(bar.ValueText, report.Bold, ink, new XRect(plotLeft + plotWidth + 8, y, valueWidth - 8, barHeight), XStringFormats.CenterLeft);
        }

        report.Y = top + height + 6;
    }

    /// <summary>Vertical bars with counts above them (score distribution).</summary>
    public static void Histogram(PdfReport report, IReadOnlyList<Bar> bars, double chartHeight = 150)
    {
        report.EnsureSpace(chartHeight + 40);
        var g = report.Graphics;
        var top = report.Y;
        var baseline = top + chartHeight;
        var max = Math.Max(1, bars.Max(b => b.Value));
        var slot = report.Width / bars.Count;
        var barWidth = Math.Min(70, slot * 0.62);
        var axisPen = new XPen(Theme.Muted, 0.8);
        g.DrawLine(axisPen, report.Left, baseline, report.Left + report.Width, baseline);
        var ink = new XSolidBrush(Theme.Ink);
        var muted = new XSolidBrush(Theme.Muted);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var h = (chartHeight - 18) * bar.Value / max;
            var x = report.Left + (i * slot) + ((slot - barWidth) / 2);
            if (h > 0)
            {
                g.DrawRectangle(new XSolidBrush(bar.Color), x, baseline - h, barWidth, h);
            }

            g.DrawString(bar.ValueText, report.Bold, ink, new XRect(x - 10, baseline - h - 14, barWidth + 20, 12), XStringFormats.TopCenter);
            g.DrawString(report.Fit(bar.Label, report.Small, slot - 4), report.Small, muted, new XRect(report.Left + (i * slot), baseline + 4, slot, 10), XStringFormats.TopCenter);
        }

        report.Y = baseline + 26;
    }

    /// <summary>Two bars per item (initial vs final) with a legend.</summary>
    public static void PairedBars(PdfReport report, IReadOnlyList<PairedBar> items, double max, string firstLegend, string secondLegend)
    {
        const double barHeight = 9;
        const double itemGap = 10;
        var labelWidth = Math.Min(170, report.Width * 0.34);
        var valueWidth = 105;
        var plotLeft = report.Left + labelWidth;
        var plotWidth = report.Width - labelWidth - valueWidth;
        var height = (items.Count * ((2 * barHeight) + itemGap)) + 30;
        report.EnsureSpace(height);
        var g = report.Graphics;
        var top = report.Y;
        var first = XColor.FromArgb(144, 164, 174);
        var second = Theme.Primary;
        var ink = new XSolidBrush(Theme.Ink);
        var muted = new XSolidBrush(Theme.Muted);

        g.DrawRectangle(new XSolidBrush(first), plotLeft, top, 10, 8);
        g.DrawString(firstLegend, report.Small, muted, new XRect(plotLeft + 14, top - 1, 120, 10), XStringFormats.TopLeft);
        g.DrawRectangle(new XSolidBrush(second), plotLeft + 140, top, 10, 8);
        g.DrawString(secondLegend, report.Small, muted, new XRect(plotLeft + 154, top - 1, 120, 10), XStringFormats.TopLeft);
        top += 18;

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var y = top + (i * ((2 * barHeight) + itemGap));
            Label(report, item.Label, report.Left, y + barHeight, labelWidth - 10);
            g.DrawRectangle(new XSolidBrush(Theme.Band), plotLeft, y, plotWidth, 2 * barHeight);
            g.DrawRectangle(new XSolidBrush(first), plotLeft, y, Math.Max(1.5, plotWidth * Math.Clamp(item.First / max, 0, 1)), barHeight);
            g.DrawRectangle(new XSolidBrush(second), plotLeft, y + barHeight, Math.Max(1.5, plotWidth * Math.Clamp(item.Second / max, 0, 1)), barHeight);
            g.DrawString(item.FirstText, report.Small, muted, new XRect(plotLeft + plotWidth + 6, y, valueWidth, barHeight), XStringFormats.CenterLeft);
            g.DrawString(item.SecondText, report.SmallBold, ink, new XRect(plotLeft + plotWidth + 6, y + barHeight, valueWidth, barHeight), XStringFormats.CenterLeft);
        }

        report.Y = top + height - 12;
    }

    /// <summary>
    /// A bar's label, vertically centred on <paramref name="middle"/>: on one line when it fits, else over two smaller
    /// lines (skills of one test often share a long prefix: cutting them would make the bars indistinguishable).
    /// </summary>
    private static void Label(PdfReport report, string label, double left, double middle, double width)
    {
        var ink = new XSolidBrush(Theme.Ink);
        if (report.Fit(label, report.Body, width) == label)
        {
            report.Graphics.DrawString(label, report.Body, ink, new XRect(left, middle - 7, width, 14), XStringFormats.CenterLeft);
            return;
        }

        const double lineHeight = 9;
        var lines = report.Wrap(label, report.Small, width).ToList();
        if (lines.Count > 2)
        {
            lines = [lines[0], report.Fit(string.Join(' ', lines.Skip(1)), report.Small, width)];
        }

        var top = middle - (lines.Count * lineHeight / 2);
        for (var k = 0; k < lines.Count; k++)
        {
            report.Graphics.DrawString(lines[k], report.Small, ink, new XRect(left, top + (k * lineHeight), width, lineHeight), XStringFormats.CenterLeft);
        }
    }
}
