using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;

namespace Dashboard.Web.Components.Pages.Admin;

/// <summary>
/// What the audit log shows a person instead of the names stored in an entry (actions, fields, enum values), in
/// English and in French (chosen by the UI culture). Actions, statuses, levels and bulk kinds come from <see cref="Labels"/>.
/// </summary>
public static class AuditActionLabels
{
    private static readonly Dictionary<string, (string En, string Fr)> Fields = new(StringComparer.Ordinal)
    {
        ["Status"] = ("Status", "Statut"),
        ["Score"] = ("Score", "Score"),
        ["Level"] = ("Level", "Niveau"),
        ["CertificateValidated"] = ("Certificate validated", "Certificat validé"),
        [AuditQuery.GraderField] = ("Grader", "Correcteur"),
        ["CreditsRemaining"] = ("Credits remaining", "Crédits restants"),
        ["Administrator"] = ("Administrator", "Administrateur"),
        ["Privileges"] = ("Privileges", "Droits"),
        ["ProctoringStatus"] = ("Proctoring", "Surveillance"),
        ["Name"] = ("Name", "Nom"),
        ["Prefix"] = ("Key prefix", "Préfixe de la clé"),
        ["Revoked"] = ("Revoked", "Révoquée"),
        ["Id"] = ("Number", "Numéro"),
        ["Value"] = ("Value", "Valeur"),
    };

    private static bool French => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";

    /// <summary>The actions in the order the filter lists them: key and label.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All => Labels.AuditActionsInOrder;

    public static string For(string action) => Labels.ForAuditAction(action);

    public static string Field(string field) => Fields.TryGetValue(field, out var label) ? (French ? label.Fr : label.En) : field;

    /// <summary>A stored value as a person reads it ("PendingGrading" → "Pending grading", true → "Yes"); null stays null.</summary>
    public static string? Value(string field, string? value) => (field, value) switch
    {
        (_, null) => null,
        ("Status", _) when Enum.TryParse<RegistrationStatus>(value, out var status) && Enum.IsDefined(status) => Labels.For(status),
        ("Level", _) when Enum.TryParse<ScoreLevel>(value, out var level) && Enum.IsDefined(level) => Labels.For(level),
        ("ProctoringStatus", _) when Enum.TryParse<ProctoringStatus>(value, out var proctoring) && Enum.IsDefined(proctoring)
            => Labels.For(proctoring),
        (_, "true") => French ? "Oui" : "Yes",
        (_, "false") => French ? "Non" : "No",
        _ => value,
    };

    /// <summary>A detail line, with a bulk request's kind ("SendReportsToCandidates request 12: …") in words.</summary>
    public static string? Detail(string? detail)
    {
        if (detail is null)
        {
            return null;
        }

        var space = detail.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && Enum.TryParse<BulkKind>(detail[..space], out var kind) && Enum.IsDefined(kind)
            ? Labels.For(kind) + " —" + (French ? detail[space..].Replace(" request ", " demande ", StringComparison.Ordinal) : detail[space..])
            : detail;
    }
}
