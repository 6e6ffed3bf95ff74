namespace Dashboard.Web.Components.Pages.Jobs;

/// <summary>Marks the My requests page's and the group report dialog's texts: JobsText.resx (English) and JobsText.fr.resx.</summary>
public sealed class JobsText;
