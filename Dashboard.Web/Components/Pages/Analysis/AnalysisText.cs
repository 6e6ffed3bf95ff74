namespace Dashboard.Web.Components.Pages.Analysis;

/// <summary>Marks the Analysis page's texts: AnalysisText.resx (English) and AnalysisText.fr.resx.</summary>
public sealed class AnalysisText
{
    /// <summary>The documents linked from the page come in the language the page is read in.</summary>
    public static string DocumentLanguage =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";
}
