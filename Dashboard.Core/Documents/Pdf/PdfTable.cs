using PdfSharp.Drawing;

namespace Dashboard.Core.Documents.Pdf;

internal enum Align
{
    Left,
    Right,
    Center,
}

/// <summary>A column; <paramref name="Wrap"/> cells run over several lines instead of being cut with an ellipsis.</summary>
internal sealed record TableColumn(string Header, double Weight, Align Align = Align.Left, bool Wrap = false);

/// <summary>A table that flows over as many pages as it needs, repeating its header on each one.</summary>
internal sealed class PdfTable
{
    private const double RowHeight = 16;
    private const double HeaderRowHeight = 20;
    private const double LineHeight = 11.5;
    private readonly PdfReport _report;
    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly double[] _widths;
    private readonly XSolidBrush _headerBrush = new(Theme.Primary);
    private readonly XSolidBrush _zebraBrush = new(Theme.Zebra);
    private readonly XSolidBrush _inkBrush = new(Theme.Ink);
    private readonly XSolidBrush _whiteBrush = new(XColors.White);
    private readonly XSolidBrush _mutedBrush = new(Theme.Muted);
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
        var font = bold ? _report.Bold : _report.Body;
        var lines = _columns.Select((column, i) =>
        {
            var text = i < cells.Count ? cells[i] : "";
            return column.Wrap ? _report.Wrap(text, font, _widths[i] - 8).ToList() : [_report.Fit(text, font, _widths[i] - 8)];
        }).ToList();
        var lineCount = lines.Max(l => l.Count);
        var height = lineCount <= 1 ? RowHeight : (lineCount * LineHeight) + 5;
        if (_report.Y + height > _report.Bottom || _headerPage != _report.PageCount)
        {
            if (_report.Y + HeaderHeight() + height > _report.Bottom)
            {
                _report.NewPage();
            }

            DrawHeader();
        }

        var g = _report.Graphics;
        var y = _report.Y;
        if (highlight is { } tint)
        {
            g.DrawRectangle(new XSolidBrush(tint), _report.Left, y, _report.Width, height);
        }
        else if (_rowIndex % 2 == 1)
        {
            g.DrawRectangle(_zebraBrush, _report.Left, y, _report.Width, height);
        }

        var x = _report.Left;
        for (var i = 0; i < _columns.Count; i++)
        {
            var brush = colors is not null && i < colors.Count && colors[i] is { } c ? new XSolidBrush(c) : _inkBrush;
            DrawLines(g, lines[i], font, brush, x, y, _widths[i], height, _columns[i].Align);
            x += _widths[i];
        }

        g.DrawLine(_rulePen, _report.Left, y + height, _report.Left + _report.Width, y + height);
        _report.Y += height;
        _rowIndex++;
    }

    /// <summary>A full-width note under the last row (a grader's comment), wrapped, in the muted colour.</summary>
    public void Note(string text)
    {
        var font = _report.Small;
        var lines = _report.Wrap(text, font, _report.Width - 8 - _widths[0]).ToList();
        var height = (lines.Count * 10.5) + 5;
        _report.EnsureSpace(height);
        var g = _report.Graphics;
        for (var i = 0; i < lines.Count; i++)
        {
            g.DrawString(lines[i], font, _mutedBrush, new XRect(_report.Left + _widths[0] + 4, _report.Y + 2 + (i * 10.5), _report.Width - _widths[0] - 8, 10.5), XStringFormats.TopLeft);
        }

        _report.Y += height;
        g.DrawLine(_rulePen, _report.Left, _report.Y, _report.Left + _report.Width, _report.Y);
    }

    public void End() => _report.Y += 10;

    /// <summary>Headers wrap (a long skill name over two lines) rather than being cut.</summary>
    private List<List<string>> HeaderLines() =>
        _columns.Select((c, i) => _report.Wrap(c.Header, _report.SmallBold, _widths[i] - 8).ToList()).ToList();

    private double HeaderHeight() => Math.Max(HeaderRowHeight, (HeaderLines().Max(l => l.Count) * 10) + 8);

    private void DrawHeader()
    {
        var g = _report.Graphics;
        var y = _report.Y;
        var lines = HeaderLines();
        var height = HeaderHeight();
        g.DrawRectangle(_headerBrush, _report.Left, y, _report.Width, height);
        var x = _report.Left;
        for (var i = 0; i < _columns.Count; i++)
        {
            DrawLines(g, lines[i], _report.SmallBold, _whiteBrush, x, y, _widths[i], height, _columns[i].Align, lineHeight: 10);
            x += _widths[i];
        }

        _report.Y += height;
        _headerPage = _report.PageCount;
        _rowIndex = 0;
    }

    /// <summary>Lines centred vertically as a block in the cell, each aligned like the column.</summary>
    private static void DrawLines(XGraphics g, List<string> lines, XFont font, XBrush brush, double x, double y, double width, double height,
        Align align, double lineHeight = LineHeight)
    {
        var top = y + ((height - (lines.Count * lineHeight)) / 2);
        var format = align switch
        {
            Align.Right => XStringFormats.CenterRight,
            Align.Center => XStringFormats.Center,
            _ => XStringFormats.CenterLeft,
        };
        for (var i = 0; i < lines.Count; i++)
        {
            g.DrawString(lines[i], font, brush, new XRect(x + 4, top + (i * lineHeight), width - 8, lineHeight), format);
        }
    }
}
