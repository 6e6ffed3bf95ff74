using Dashboard.Core.Results;

namespace Dashboard.Web.Components.Pages.Results;

/// <summary>One MudDataGrid instance: the view it opened at, and the page and page size MudDataGrid binds two-way.</summary>
internal sealed class GridInstance(ResultsViewState opened)
{
    public ResultsViewState Opened { get; } = opened;

    public int Page { get; set; } = opened.Position.Page;

    public int PageSize { get; set; } = opened.Position.PageSize;

    /// <summary>The first load is done: later loads take the page MudDataGrid asks for.</summary>
    public bool Loaded { get; set; }
}
