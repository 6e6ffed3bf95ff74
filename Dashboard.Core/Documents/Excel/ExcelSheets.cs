using System.Globalization;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Dashboard.Core.Documents.Excel;

/// <summary>
/// MiniExcel settings shared by the exports. Checked against MiniExcel 1.46.0's writer: a string value is
/// written as a typed string cell (<c>t="str"</c> with a <c>&lt;v&gt;</c> value, never an <c>&lt;f&gt;</c>
/// formula unless a column is declared <see cref="ColumnType.Formula"/>), so "=1+1" or "@SUM(A1)" in a name or a
/// comment stays text. Numbers and dates are only typed cells under the invariant culture; any other culture
/// turns them into text, so the culture is pinned here and formatting is left to Excel's number formats.
/// </summary>
internal static class ExcelSheets
{
    public const string DateTimeFormat = "yyyy-mm-dd hh:mm";

    public static OpenXmlConfiguration Configuration(params DynamicExcelColumn[] columns) => new()
    {
        Culture = CultureInfo.InvariantCulture,
        FreezeRowCount = 1,
        AutoFilter = true,
        // Streaming: no fast mode (it seeks back into the sheet) and no auto width (needs fast mode).
        FastMode = false,
        EnableAutoWidth = false,
        DynamicColumns = columns,
        TableStyles = TableStyles.Default,
    };

    public static DynamicExcelColumn Column(string key, string header, double width, string? format = null) =>
        new(key) { Name = header, Width = width, Format = format };
}
