namespace Dashboard.Web.Components.Pages.Certificates;

/// <summary>Marks the Certificates and Sitting attestation pages' texts: CertificatesText.resx (English) and CertificatesText.fr.resx.</summary>
public sealed class CertificatesText
{
    /// <summary>The documents' language defaults to the one the page is read in (the administrator's).</summary>
    public static string DefaultDocumentLanguage =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";
}
