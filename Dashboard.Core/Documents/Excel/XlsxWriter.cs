using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Dashboard.Core.Documents.Excel;

/// <summary>How a column's numbers are shown; text cells ignore it.</summary>
internal enum XlsxFormat
{
    General,
    DateTime,
    OneDecimal,
}

internal sealed record XlsxColumn(string Header, double Width, XlsxFormat Format = XlsxFormat.General);

/// <summary>
/// A one-sheet .xlsx written forward only, row by row, straight into the ZIP: memory holds the shared-string
/// table and a write buffer, never the sheet. Our own writer because the export's speed and size are decided here
/// (MiniExcel wrote inline strings, twice EPPlus's file, at half the target speed): repeated texts (group, test,
/// status, level…) go to the shared-string table up to <see cref="DefaultMaxSharedStrings"/> distinct values, then
/// inline; cells carry no references (Excel reads them in order; empty cells are written empty); the sheet is
/// deflated at the fastest level. Strings are always typed text, never formulas: "=1+1" in a name stays text.
/// </summary>
internal sealed class XlsxWriter : IDisposable
{
    /// <summary>Bounds the table's memory; a million distinct e-mail addresses would otherwise all be kept.</summary>
    internal const int DefaultMaxSharedStrings = 200_000;

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly SearchValues<char> NeedsEscaping = SearchValues.Create("<>&\"\r\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ZipArchive _zip;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private readonly string _sheetName;
    private readonly Dictionary<string, int> _sharedIndex = new(StringComparer.Ordinal);
    private readonly List<string> _shared = [];
    private readonly char[] _number = new char[32];
    private readonly int _maxSharedStrings;
    private StreamWriter? _sheet;
    private int _row;
    private int _cell;
    private long _sharedCount;

    public XlsxWriter(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns, int maxSharedStrings = DefaultMaxSharedStrings)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheetName);
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns;
        _maxSharedStrings = maxSharedStrings;
        _sheetName = sheetName.Length > 31 ? sheetName[..31] : sheetName;
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Utf8);
        _sheet = Entry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest, 1 << 16);
        WriteSheetStart();
    }

    /// <summary>Rows written so far, the header included.</summary>
    public int RowCount => _row;

    public void BeginRow()
    {
        _row++;
        _cell = 0;
        Sheet.Write("<row r=\"");
        WriteInteger(_row);
        Sheet.Write("\">");
    }

    public void EndRow()
    {
        for (; _cell < _columns.Count; _cell++)
        {
            Sheet.Write("<c/>");
        }

        Sheet.Write("</row>");
    }

    public void Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Empty();
            return;
        }

        var sheet = Sheet;
        _cell++;
        if (_sharedIndex.TryGetValue(value, out var index) || TryShare(value, out index))
        {
            _sharedCount++;
            sheet.Write("<c t=\"s\"><v>");
            WriteInteger(index);
            sheet.Write("</v></c>");
            return;
        }

        sheet.Write("<c t=\"inlineStr\"><is><t xml:space=\"preserve\">");
        WriteEscaped(sheet, value);
        sheet.Write("</t></is></c>");
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
        sheet.Write("</sheetData>");
        if (_row > 0)
        {
            sheet.Write("<autoFilter ref=\"A1:");
            sheet.Write(ColumnName(_columns.Count - 1));
            WriteInteger(_row);
            sheet.Write("\"/>");
        }

        sheet.Write("</worksheet>");
        sheet.Dispose();
        _sheet = null;

        WriteSharedStrings();
        WritePart("[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            + "</Types>");
        WritePart("_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>");
        WritePart("xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
            + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            + "</Relationships>");
        var filter = _row > 0
            ? $"<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">{Escape(QuotedSheetName())}!$A$1:${ColumnName(_columns.Count - 1)}${_row}</definedName></definedNames>"
            : "";
        WritePart("xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + $"<workbook xmlns=\"{MainNamespace}\" xmlns:r=\"{RelationshipsNamespace}\">"
            + $"<sheets><sheet name=\"{Escape(_sheetName)}\" sheetId=\"1\" r:id=\"rId1\"/></sheets>{filter}</workbook>");
        WritePart("xl/styles.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + $"<styleSheet xmlns=\"{MainNamespace}\">"
            + "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd hh:mm\"/><numFmt numFmtId=\"165\" formatCode=\"0.0\"/></numFmts>"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
            + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFD9E1F2\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>");
    }

    public void Dispose()
    {
        _sheet?.Dispose();
        _zip.Dispose();
    }

    /// <summary>Zero-based column index → "A", "B", … "Z", "AA".</summary>
    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private StreamWriter Sheet => _sheet ?? throw new InvalidOperationException("The workbook is complete.");

    private void WriteSheetStart()
    {
        var sheet = Sheet;
        sheet.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        sheet.Write($"<worksheet xmlns=\"{MainNamespace}\" xmlns:r=\"{RelationshipsNamespace}\">");
        sheet.Write("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
        sheet.Write("<cols>");
        for (var i = 0; i < _columns.Count; i++)
        {
            sheet.Write(string.Create(CultureInfo.InvariantCulture, $"<col min=\"{i + 1}\" max=\"{i + 1}\" width=\"{_columns[i].Width}\" customWidth=\"1\"/>"));
        }

        sheet.Write("</cols><sheetData>");
        _row++;
        sheet.Write("<row r=\"1\">");
        foreach (var column in _columns)
        {
            // The header is bold on a tinted fill (style 1), whatever the column's number format.
            sheet.Write("<c s=\"1\" t=\"s\"><v>");
            _sharedCount++;
            WriteInteger(_sharedIndex.TryGetValue(column.Header, out var index) || TryShare(column.Header, out index) ? index : 0);
            sheet.Write("</v></c>");
        }

        sheet.Write("</row>");
    }

    private bool TryShare(string value, out int index)
    {
        if (_shared.Count >= _maxSharedStrings)
        {
            index = -1;
            return false;
        }

        index = _shared.Count;
        _shared.Add(value);
        _sharedIndex.Add(value, index);
        return true;
    }

    private void WriteNumberCell(double value)
    {
        var sheet = Sheet;
        sheet.Write(_columns[_cell++].Format switch
        {
            XlsxFormat.DateTime => "<c s=\"2\"><v>",
            XlsxFormat.OneDecimal => "<c s=\"3\"><v>",
            _ => "<c><v>",
        });
        value.TryFormat(_number, out var written, provider: CultureInfo.InvariantCulture);
        sheet.Write(_number, 0, written);
        sheet.Write("</v></c>");
    }

    private void Empty()
    {
        Sheet.Write("<c/>");
        _cell++;
    }

    private void WriteInteger(int value)
    {
        value.TryFormat(_number, out var written, provider: CultureInfo.InvariantCulture);
        Sheet.Write(_number, 0, written);
    }

    private void WriteSharedStrings()
    {
        using var writer = Entry("xl/sharedStrings.xml", CompressionLevel.Fastest, 1 << 16);
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"<sst xmlns=\"{MainNamespace}\" count=\"{_sharedCount}\" uniqueCount=\"{_shared.Count}\">"));
        foreach (var value in _shared)
        {
            writer.Write("<si><t xml:space=\"preserve\">");
            WriteEscaped(writer, value);
            writer.Write("</t></si>");
        }

        writer.Write("</sst>");
    }

    private void WritePart(string name, string content)
    {
        using var writer = Entry(name, CompressionLevel.Fastest, 4096);
        writer.Write(content);
    }

    private StreamWriter Entry(string name, CompressionLevel level, int bufferSize) =>
        new(_zip.CreateEntry(name, level).Open(), Utf8, bufferSize);

    private string QuotedSheetName() => "'" + _sheetName.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Escape(string value)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteEscaped(writer, value);
        return writer.ToString();
    }

    /// <summary>XML text: markup characters escaped; characters XML 1.0 cannot carry (control characters) dropped.</summary>
    private static void WriteEscaped(TextWriter writer, string value)
    {
        var rest = value.AsSpan();
        while (true)
        {
            var at = rest.IndexOfAny(NeedsEscaping);
            if (at < 0)
            {
                writer.Write(rest);
                return;
            }

            writer.Write(rest[..at]);
            switch (rest[at])
            {
                case '<': writer.Write("&lt;"); break;
                case '>': writer.Write("&gt;"); break;
                case '&': writer.Write("&amp;"); break;
                case '"': writer.Write("&quot;"); break;
                case '\r': writer.Write("&#13;"); break;
                default: break;
            }

            rest = rest[(at + 1)..];
        }
    }
}
