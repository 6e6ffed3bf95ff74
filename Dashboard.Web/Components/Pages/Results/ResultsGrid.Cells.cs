using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Dashboard.Core.Results;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Results;

/// <summary>
/// A row's ID, group, name and test cells as one markup frame, built once per row and kept while the row is on screen
/// unchanged: as elements, attributes and texts they were ~30 render-tree frames a row, held twice (current and previous
/// tree) by every open Results page.
/// </summary>
public sealed partial class ResultsGrid
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private Dictionary<int, (ResultRow Row, MarkupString Cells)> _textCells = [];

    private MarkupString TextCells(ResultRow row)
    {
        if (_textCells.TryGetValue(row.Id, out var kept) && kept.Row == row)
        {
            return kept.Cells;
        }

        // Rows that left the page drop out once the page has turned over.
        if (_textCells.Count > 2 * _rows.Count)
        {
            _textCells = _textCells.Where(c => _rows.Contains(c.Value.Row)).ToDictionary();
        }

        var name = $"{row.LastName} {row.FirstName}";
        var cells = new MarkupString(string.Create(CultureInfo.InvariantCulture,
            $"""<td data-label="{E(L["ColumnId"])}" class="mud-table-cell col-id">{row.Id}</td><td data-label="{E(L["ColumnGroup"])}" class="mud-table-cell"><span class="cell-ellipsis" title="{E(row.GroupName)}">{E(row.GroupName)}</span></td><td data-label="{E(L["ColumnName"])}" class="mud-table-cell"><span class="candidate-name cell-ellipsis" title="{E(name)}">{E(name)}</span></td><td data-label="{E(L["ColumnTest"])}" class="mud-table-cell"><div class="cell-ellipsis" title="{E(row.SubjectName)}">{E(row.SubjectName)}</div><span class="mud-typography mud-typography-caption mud-text-secondary d-block">{E(Labels.For(row.TestType))}</span></td>"""));
        _textCells[row.Id] = (row, cells);
        return cells;
    }

    private static string E(string text) => Html.Encode(text);
}
