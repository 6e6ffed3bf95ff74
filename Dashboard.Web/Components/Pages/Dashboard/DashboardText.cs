namespace Dashboard.Web.Components.Pages.DashboardMetrics;

/// <summary>Marks the Dashboard page's texts: DashboardText.resx (English) and DashboardText.fr.resx.</summary>
public sealed class DashboardText;
