using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Results;

/// <summary>A routable Results view: its state comes from the URL query string.</summary>
public abstract class ResultsPageBase : ComponentBase
{
    [SupplyParameterFromQuery(Name = ResultsQueryValues.SearchName)] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.StatusName)] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.TypeName)] public string? Type { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.GroupName)] public int? Group { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.SessionName)] public int? Session { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.SubjectName)] public int? Subject { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.ArchivedName)] public bool? Archived { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.SortName)] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.DescendingName)] public bool? Descending { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.PageName)] public int? Page { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.SizeName)] public int? Size { get; set; }

    protected ResultsViewState State { get; private set; } = ResultsViewState.Default;

    protected override void OnParametersSet() =>
        State = ResultsViewState.FromQuery(new ResultsQueryValues
        {
            Search = Search, Status = Status, Type = Type, Group = Group, Session = Session, Subject = Subject,
            Archived = Archived, Sort = Sort, Descending = Descending, Page = Page, Size = Size,
        });
}
