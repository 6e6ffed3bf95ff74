using Dashboard.Core.Results;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Results;

/// <summary>
/// A routable Results view: its state is what <see cref="ResultsUrl"/> reads from the URL's query string, so
/// reload, back and a shared link restore it, and a hand-edited link falls back to defaults instead of failing.
/// </summary>
public abstract class ResultsPageBase : ComponentBase
{
    [SupplyParameterFromQuery(Name = ResultsUrl.Search)] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = ResultsUrl.Status)] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = ResultsUrl.Type)] public string? Type { get; set; }
    [SupplyParameterFromQuery(Name = ResultsUrl.Group)] public string? Group { get; set; }
    [SupplyParameterFromQuery(Name = ResultsUrl.Session)] public string? Session { get; set; }
    [SupplyParameterFromQuery(Name = ResultsUrl.Subject)] public string? Subject { get; set; }
    [SupplyParameterFromQuery(Name = ResultsUrl.Archived)] public string? Archived { get; set; }
    [SupplyParameterFromQuery(Name = ResultsUrl.Sort)] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = ResultsUrl.Descending)] public string? Descending { get; set; }
    [SupplyParameterFromQuery(Name = ResultsUrl.Page)] public string? Page { get; set; }
    [SupplyParameterFromQuery(Name = ResultsUrl.Size)] public string? Size { get; set; }

    protected ResultsViewState State { get; private set; } = ResultsViewState.Default;

    protected override void OnParametersSet() =>
        State = ResultsUrl.Parse(new Dictionary<string, string?>
        {
            [ResultsUrl.Search] = Search, [ResultsUrl.Status] = Status, [ResultsUrl.Type] = Type, [ResultsUrl.Group] = Group,
            [ResultsUrl.Session] = Session, [ResultsUrl.Subject] = Subject, [ResultsUrl.Archived] = Archived, [ResultsUrl.Sort] = Sort,
            [ResultsUrl.Descending] = Descending, [ResultsUrl.Page] = Page, [ResultsUrl.Size] = Size,
        });
}
