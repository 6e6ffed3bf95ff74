// Over 250 lines: the workbook's parts, the sheet's row and cell writers and the shared-string choice are one forward-only writer; split, each part would need the others' state.
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Dashboard.Core.Documents.Excel;

/// <summary>
/// A one-sheet .xlsx written forward only, row by row, straight into the ZIP: memory holds the shared-string
/// table and a write buffer, never the sheet. Our own writer because the export's speed and size are decided here
/// (MiniExcel wrote inline strings, twice EPPlus's file, at half the target speed). The sheet's XML goes out as UTF-8
/// bytes (<see cref="Utf8XmlBuffer"/>); repeated texts (group, test, status, level…) go to the shared-string table up
/// to <see cref="DefaultMaxSharedStrings"/> distinct values, then inline; cells carry no references (Excel reads them
/// in order; empty cells are written empty); parts are deflated at <see cref="DefaultCompression"/>. Both defaults
/// were chosen by measurement (docs/bench-results.md, "Excel export"). Strings are always typed text, never
/// formulas: "=1+1" in a name stays text.
/// </summary>
internal sealed class XlsxWriter : IDisposable
{
    /// <summary>Bounds the table's memory; a million distinct e-mail addresses would otherwise all be kept.</summary>
    internal const int DefaultMaxSharedStrings = 200_000;

    internal const CompressionLevel DefaultCompression = CompressionLevel.Fastest;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ZipArchive _zip;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private readonly string _sheetName;
    private readonly SharedStringTable _shared;
    private readonly Dictionary<string, int> _sharedByReference = new(ReferenceEqualityComparer.Instance);
    private readonly CompressionLevel _compression;
    private Utf8XmlBuffer? _sheet;
    private int _row;
    private int _cell;
    private long _sharedCount;

    public XlsxWriter(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns, int maxSharedStrings = DefaultMaxSharedStrings,
        CompressionLevel compression = DefaultCompression)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheetName);
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns;
        _shared = new SharedStringTable(maxSharedStrings);
        _compression = compression;
        _sheetName = sheetName.Length > 31 ? sheetName[..31] : sheetName;
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Utf8);
        _sheet = Entry("xl/worksheets/sheet1.xml");
        WriteSheetStart();
    }

    public void BeginRow()
    {
        var sheet = Sheet;
        _row++;
        _cell = 0;
        sheet.Write("<row r=\""u8);
        sheet.Write(_row);
        sheet.Write("\">"u8);
    }

    public void EndRow()
    {
        var sheet = Sheet;
        for (; _cell < _columns.Count; _cell++)
        {
            sheet.Write("<c/>"u8);
        }

        sheet.Write("</row>"u8);
    }

    public void Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Empty();
            return;
        }

        _cell++;
        WriteText(_shared.TryGetOrAdd(value, out var index, out var utf8), index, utf8, header: false);
    }

    /// <summary>
    /// <see cref="Text(string)"/> for a string instance the caller passes again and again (a label, a name from a
    /// lookup): its shared index is remembered by reference, so later cells skip encoding and hashing it.
    /// </summary>
    public void RepeatedText(string? value)
    {
        if (value is not null && _sharedByReference.TryGetValue(value, out var known))
        {
            _cell++;
            WriteText(shared: true, known, default, header: false);
            return;
        }

        if (string.IsNullOrEmpty(value))
        {
            Empty();
            return;
        }

        _cell++;
        var shared = _shared.TryGetOrAdd(value, out var index, out var utf8);
        if (shared)
        {
            _sharedByReference[value] = index;
        }

        WriteText(shared, index, utf8, header: false);
    }

    /// <summary>A text cell from UTF-8 (as SQLite hands it over); empty when empty. Invalid UTF-8 is decoded as a string would be.</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            Empty();
            return;
        }

        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            Text(Utf8.GetString(utf8));
            return;
        }

        _cell++;
        WriteText(_shared.TryGetOrAdd(utf8, out var index), index, utf8, header: false);
    }

    public void Number(double? value)
    {
        if (value is not { } number || !double.IsFinite(number))
        {
            Empty();
            return;
        }

        WriteNumberCell(number);
    }

    public void Number(int value) => WriteNumberCell(value);

    /// <summary>Excel has no time zones: the cell holds the wall-clock time given.</summary>
    public void Date(DateTime? value)
    {
        if (value is not { } date)
        {
            Empty();
            return;
        }

        WriteNumberCell(date.ToOADate());
    }

    /// <summary>Closes the sheet and writes the rest of the package. The writer is spent afterwards.</summary>
    public void Complete()
    {
        var sheet = Sheet;
        sheet.Write("</sheetData>"u8);
        if (_row > 0)
        {
            sheet.Write("<autoFilter ref=\"A1:"u8);
            sheet.Write(Encoding.ASCII.GetBytes(XlsxParts.ColumnName(_columns.Count - 1)));
            sheet.Write(_row);
            sheet.Write("\"/>"u8);
        }

        sheet.Write("</worksheet>"u8);
        sheet.Dispose();
        _sheet = null;

        WriteSharedStrings();
        WritePart("[Content_Types].xml", XlsxParts.ContentTypes);
        WritePart("_rels/.rels", XlsxParts.PackageRelationships);
        WritePart("xl/_rels/workbook.xml.rels", XlsxParts.WorkbookRelationships);
        WritePart("xl/workbook.xml", XlsxParts.Workbook(_sheetName, _row > 0 ? $"$A$1:${XlsxParts.ColumnName(_columns.Count - 1)}${_row}" : null));
        WritePart("xl/styles.xml", XlsxParts.Styles);
    }

    public void Dispose()
    {
        _sheet?.Dispose();
        _zip.Dispose();
    }

    private Utf8XmlBuffer Sheet => _sheet ?? throw new InvalidOperationException("The workbook is complete.");

    private void WriteSheetStart()
    {
        var sheet = Sheet;
        sheet.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"u8);
        sheet.Write(Utf8.GetBytes($"<worksheet xmlns=\"{XlsxParts.MainNamespace}\" xmlns:r=\"{XlsxParts.RelationshipsNamespace}\">"));
        sheet.Write("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"u8);
        sheet.Write("<cols>"u8);
        for (var i = 0; i < _columns.Count; i++)
        {
            sheet.Write(Utf8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"<col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{_columns[i].Width}\" customWidth=\"1\"/>")));
        }

        sheet.Write("</cols><sheetData>"u8);
        _row++;
        sheet.Write("<row r=\"1\">"u8);
        foreach (var column in _columns)
        {
            // The header is bold on a tinted fill (style 1), whatever the column's number format.
            WriteText(_shared.TryGetOrAdd(column.Header, out var index, out var utf8), index, utf8, header: true);
        }

        sheet.Write("</row>"u8);
    }

    private void WriteText(bool shared, int index, ReadOnlySpan<byte> utf8, bool header)
    {
        var sheet = Sheet;
        if (shared)
        {
            _sharedCount++;
            sheet.Write(header ? "<c s=\"1\" t=\"s\"><v>"u8 : "<c t=\"s\"><v>"u8);
            sheet.Write(index);
            sheet.Write("</v></c>"u8);
            return;
        }

        sheet.Write(header ? "<c s=\"1\" t=\"inlineStr\"><is>"u8 : "<c t=\"inlineStr\"><is>"u8);
        sheet.WriteTextElement(utf8);
        sheet.Write("</is></c>"u8);
    }

    private void WriteNumberCell(double value)
    {
        var sheet = Sheet;
        sheet.Write(_columns[_cell++].Format switch
        {
            XlsxFormat.DateTime => "<c s=\"2\"><v>"u8,
            XlsxFormat.OneDecimal => "<c s=\"3\"><v>"u8,
            _ => "<c><v>"u8,
        });
        if (Math.Abs(value) < 1e15 && value == Math.Floor(value) && !(value == 0 && double.IsNegative(value)))
        {
            // A whole number (an id, a count, a whole score) is written as the integer: the same text as the double's
            // shortest form below 10^15, for a fraction of the cost.
            sheet.Write((long)value);
        }
        else
        {
            sheet.Write(value);
        }

        sheet.Write("</v></c>"u8);
    }

    private void Empty()
    {
        Sheet.Write("<c/>"u8);
        _cell++;
    }

    private void WriteSharedStrings()
    {
        using var xml = Entry("xl/sharedStrings.xml");
        xml.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"u8);
        xml.Write(Utf8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"<sst xmlns=\"{XlsxParts.MainNamespace}\" count=\"{_sharedCount}\" uniqueCount=\"{_shared.Count}\">")));
        foreach (var value in _shared.Values)
        {
            xml.Write("<si>"u8);
            xml.WriteTextElement(value);
            xml.Write("</si>"u8);
        }

        xml.Write("</sst>"u8);
    }

    private void WritePart(string name, string content)
    {
        using var xml = Entry(name, 4096);
        xml.Write(Utf8.GetBytes(content));
    }

    private Utf8XmlBuffer Entry(string name, int bufferSize = 1 << 16) =>
        new(_zip.CreateEntry(name, _compression).Open(), bufferSize);

}
