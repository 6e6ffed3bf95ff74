using PdfSharp.Drawing;

namespace Dashboard.Core.Documents.Pdf;

internal enum Align
{
    Left,
    Right,
    Center,
}

internal sealed record TableColumn(string Header, double Weight, Align Align = Align.Left);

/// <summary>A table that flows over as many pages as it needs, repeating its header on each one.</summary>
internal sealed class PdfTable
{
    private const double RowHeight = 16;
    private const double HeaderRowHeight = 20;
    private readonly PdfReport _report;
    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly double[] _widths;
    private readonly XSolidBrush _headerBrush = new(Theme.Primary);
    private readonly XSolidBrush _zebraBrush = new(Theme.Zebra);
    private readonly XSolidBrush _inkBrush = new(Theme.Ink);
    private readonly XSolidBrush _whiteBrush = new(XColors.White);
    private readonly XPen _rulePen = new(Theme.Rule, 0.4);
    private int _rowIndex;
    private int _headerPage = -1;

    public PdfTable(PdfReport report, IReadOnlyList<TableColumn> columns)
    {
        _report = report;
        _columns = columns;
        var total = columns.Sum(c => c.Weight);
        _widths = columns.Select(c => report.Width * c.Weight / total).ToArray();
    }

    /// <summary>Draws one row; <paramref name="highlight"/> tints it, <paramref name="colors"/> colours single cells.</summary>
    public void Row(IReadOnlyList<string> cells, XColor? highlight = null, IReadOnlyList<XColor?>? colors = null, bool bold = false)
    {
        if (_report.Y + RowHeight > _report.Bottom || _headerPage != _report.PageCount)
        {
            if (_report.Y + HeaderRowHeight + RowHeight > _report.Bottom)
            {
                _report.NewPage();
            }

            DrawHeader();
        }

        var g = _report.Graphics;
        var y = _report.Y;
        if (highlight is { } tint)
        {
            g.DrawRectangle(new XSolidBrush(tint), _report.Left, y, _report.Width, RowHeight);
        }
        else if (_rowIndex % 2 == 1)
        {
            g.DrawRectangle(_zebraBrush, _report.Left, y, _report.Width, RowHeight);
        }

        var font = bold ? _report.Bold : _report.Body;
        var x = _report.Left;
        for (var i = 0; i < _columns.Count; i++)
        {
            var text = i < cells.Count ? cells[i] : "";
            var brush = colors is not null && i < colors.Count && colors[i] is { } c ? new XSolidBrush(c) : _inkBrush;
            DrawCell(g, _report.Fit(text, font, _widths[i] - 8), font, brush, x, y, _widths[i], RowHeight, _columns[i].Align);
            x += _widths[i];
        }

        g.DrawLine(_rulePen, _report.Left, y + RowHeight, _report.Left + _report.Width, y + RowHeight);
        _report.Y += RowHeight;
        _rowIndex++;
    }

    public void End() => _report.Y += 10;

    private void DrawHeader()
    {
        var g = _report.Graphics;
        var y = _report.Y;
        g.DrawRectangle(_headerBrush, _report.Left, y, _report.Width, HeaderRowHeight);
        var x = _report.Left;
        for (var i = 0; i < _columns.Count; i++)
        {
            DrawCell(g, _report.Fit(_columns[i].Header, _report.SmallBold, _widths[i] - 8), _report.SmallBold, _whiteBrush, x, y, _widths[i], HeaderRowHeight, _columns[i].Align);
            x += _widths[i];
        }

        _report.Y += HeaderRowHeight;
        _headerPage = _report.PageCount;
        _rowIndex = 0;
    }

    private static void DrawCell(XGraphics g, string text, XFont font, XBrush brush, double x, double y, double width, double height, Align align)
    {
        var rect = new XRect(x + 4, y, width - 8, height);
        var format = align switch
        {
            Align.Right => XStringFormats.CenterRight,
            Align.Center => XStringFormats.Center,
            _ => XStringFormats.CenterLeft,
        };
        g.DrawString(text, font, brush, rect, format);
    }
}
