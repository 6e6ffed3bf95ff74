using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Results;

/// <summary>
/// A routable Results view: its state comes from the URL query string. Every value is read as text and
/// parsed leniently, so a hand-edited or truncated link falls back to defaults instead of failing.
/// </summary>
public abstract class ResultsPageBase : ComponentBase
{
    [SupplyParameterFromQuery(Name = ResultsQueryValues.SearchName)] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.StatusName)] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.TypeName)] public string? Type { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.GroupName)] public string? Group { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.SessionName)] public string? Session { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.SubjectName)] public string? Subject { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.ArchivedName)] public string? Archived { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.SortName)] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.DescendingName)] public string? Descending { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.PageName)] public string? Page { get; set; }
    [SupplyParameterFromQuery(Name = ResultsQueryValues.SizeName)] public string? Size { get; set; }

    protected ResultsViewState State { get; private set; } = ResultsViewState.Default;

    protected override void OnParametersSet() =>
        State = ResultsViewState.FromQuery(new ResultsQueryValues
        {
            Search = Search, Status = Status, Type = Type, Group = Int(Group), Session = Int(Session), Subject = Int(Subject),
            Archived = Bool(Archived), Sort = Sort, Descending = Bool(Descending), Page = Int(Page), Size = Int(Size),
        });

    private static int? Int(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static bool? Bool(string? value) => bool.TryParse(value, out var parsed) ? parsed : null;
}
