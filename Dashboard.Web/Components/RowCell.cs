using Dashboard.Core.Results;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components;

/// <summary>
/// A cell component of one Results row. Rows are records compared by value: when a live reload hands a cell a row equal
/// to the one it shows (and the same <see cref="RenderKey"/>), it does not render again, so a reload's render work is
/// the rows that changed.
/// </summary>
public abstract class RowCell : ComponentBase
{
    private ResultRow? _renderedRow;
    private object? _renderedKey;

    [Parameter, EditorRequired] public required ResultRow Row { get; set; }

    /// <summary>What else the cell shows besides its row (e.g. the actions the administrator may take on it).</summary>
    protected virtual object? RenderKey => null;

    protected override void OnInitialized() => (_renderedRow, _renderedKey) = (Row, RenderKey);

    protected override bool ShouldRender()
    {
        if (Row == _renderedRow && Equals(RenderKey, _renderedKey))
        {
            return false;
        }

        (_renderedRow, _renderedKey) = (Row, RenderKey);
        return true;
    }
}
