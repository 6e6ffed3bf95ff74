using System.Globalization;
using Dashboard.Core.Results;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Results;

/// <summary>
/// A row's cells but its checkbox (and the in-progress page's elapsed time) as two markup frames shared with every
/// open page showing the row (<see cref="ResultRowMarkup"/>); its Assign and Cancel buttons raise <c>rowaction</c>,
/// heard once by the body.
/// </summary>
public sealed partial class ResultsGrid
{
    // Made once per grid, not per row and render.
    private Func<ResultRow, RowActions, string>? _buildLead;
    private Func<ResultRow, RowActions, string>? _buildTail;

    [Inject] private ResultRowMarkup RowMarkup { get; set; } = default!;

    private ResultRowMarkup.Part LeadPart => ShowsGrader ? ResultRowMarkup.Part.LeadWithGrader
        : ShowProgress ? ResultRowMarkup.Part.LeadAlone : ResultRowMarkup.Part.LeadWithResult;

    /// <summary>ID, group, name and test, then the grader (grading status) or the result (other views but in-progress).</summary>
    private MarkupString Lead(ResultRow row) => RowMarkup.Get(row, LeadPart, RowActions.None, _buildLead ??= BuildLead);

    /// <summary>Protocol and actions.</summary>
    private MarkupString Tail(ResultRow row) => RowMarkup.Get(row, ResultRowMarkup.Part.Tail, ActionsFor(row), _buildTail ??= BuildTail);

    private string BuildLead(ResultRow row, RowActions actions)
    {
        var name = E($"{row.LastName} {row.FirstName}");
        var lead = string.Create(CultureInfo.InvariantCulture,
            $"""<td data-label="{E(L["ColumnId"])}" class="mud-table-cell col-id">{row.Id}</td><td data-label="{E(L["ColumnGroup"])}" class="mud-table-cell"><span class="cell-ellipsis" title="{E(row.GroupName)}">{E(row.GroupName)}</span></td><td data-label="{E(L["ColumnName"])}" class="mud-table-cell"><span class="candidate-name cell-ellipsis" title="{name}">{name}</span></td><td data-label="{E(L["ColumnTest"])}" class="mud-table-cell"><div class="cell-ellipsis" title="{E(row.SubjectName)}">{E(row.SubjectName)}</div><span class="mud-typography mud-typography-caption mud-text-secondary d-block">{E(Labels.For(row.TestType))}</span></td>""");
        return LeadPart switch
        {
            ResultRowMarkup.Part.LeadWithGrader => lead + $"""<td data-label="{E(L["ColumnGrader"])}" class="mud-table-cell">{GraderMarkup(row)}</td>""",
            ResultRowMarkup.Part.LeadWithResult => lead + $"""<td data-label="{E(L["ColumnResult"])}" class="mud-table-cell">{ScoreCell.Markup(row, T)}</td>""",
            _ => lead,
        };
    }

    private string GraderMarkup(ResultRow row) => row.GraderName is { } grader
        ? $"""<span class="cell-ellipsis" title="{E(grader)}" data-testid="grader">{E(grader)}</span>"""
        : $"""<span class="mud-typography mud-typography-body2 mud-text-secondary mud-typography-display-inline">{E(L["NotAssigned"])}</span>""";

    private string BuildTail(ResultRow row, RowActions actions) =>
        $"""<td data-label="{E(L["ColumnProtocol"])}" class="mud-table-cell">{ProtocolIndicators.Markup(row, T)}</td><td data-label="{E(L["ColumnActions"])}" class="mud-table-cell">{RowActionButtons.Markup(row, actions, L)}</td>""";

    /// <summary>A row's Assign or Cancel button, if the row is on this page and offers it.</summary>
    private Task OnRowActionAsync(RowActionEventArgs e) => RowActionButtons.DispatchAsync(e, _rows, ActionsFor, OnAssignGrader, OnCancel);

    private static string E(string text) => HtmlText.Encode(text);
}
