namespace Dashboard.Web.Components.Pages.Results;

/// <summary>Marks the Results pages' texts (filters panel, grid, row actions, Today's results, Tests in progress): ResultsText.resx and ResultsText.fr.resx.</summary>
public sealed class ResultsText;
