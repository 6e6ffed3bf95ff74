using System.Globalization;
using System.Resources;
using Dashboard.Core.Domain;

namespace Dashboard.Web.Components.Pages.Proctoring;

/// <summary>
/// Marks the Proctoring pages' texts: ProctoringText.resx (English) and ProctoringText.fr.resx. The review pages read
/// them in the administrator's culture (IStringLocalizer); the candidate's page and email read them in the
/// candidate's language, whatever the request's culture, through <see cref="ForCandidate"/>; before the candidate is known
/// (a link that cannot be read), the request's culture (the browser's Accept-Language).
/// </summary>
public sealed class ProctoringText
{
    private static readonly ResourceManager Resources = new(typeof(ProctoringText));

    /// <summary>An incident kind in the page's language (the words live with the candidate's email in Core).</summary>
    public static string Incident(IncidentKind kind) => Core.Proctoring.ProctoringText.Incident(kind, CultureInfo.CurrentUICulture.Name);

    /// <summary>The reviewers' guidance in the page's language.</summary>
    public static string Guidance() => Core.Proctoring.ProctoringText.Guidance(CultureInfo.CurrentUICulture.Name);

    /// <summary>
    /// "fr…" gives French, anything else English (as the candidate's preferred language is stored); no language (the
    /// candidate is unknown) gives the request's interface culture.
    /// </summary>
    public static CultureInfo CultureOf(string? language) =>
        CultureInfo.GetCultureInfo(Core.Proctoring.ProctoringText.IsFrench(language ?? CultureInfo.CurrentUICulture.Name) ? "fr-FR" : "en-GB");

    public static string ForCandidate(string? language, string key, params object[] arguments)
    {
        var culture = CultureOf(language);
        var text = Resources.GetString(key, culture) ?? key;
        return arguments.Length == 0 ? text : string.Format(culture, text, arguments);
    }
}
