namespace Dashboard.Web.Components.Pages.Grading;

/// <summary>Marks the Grading pages' texts: GradingText.resx (English) and GradingText.fr.resx.</summary>
public sealed class GradingText;
