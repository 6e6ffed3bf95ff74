namespace Dashboard.Web.Components.Pages.Results;

/// <summary>The views over the one Results grid.</summary>
public enum ResultsPreset
{
    All = 0,
    Today = 1,
    InProgress = 2,
}
