using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;

namespace Dashboard.Web.Components.Pages.Admin;

/// <summary>
/// What the audit log shows a person instead of the names stored in an entry (actions, fields, enum values), in
/// English and in French (chosen by the UI culture). Statuses and levels use the documents' words.
/// </summary>
public static class AuditActionLabels
{
    private static readonly IReadOnlyList<(string Key, string En, string Fr)> Actions =
    [
        (AuditLog.Actions.Grade, "Grading", "Correction"),
        (AuditLog.Actions.AssignGrader, "Grader assignment", "Attribution d'un correcteur"),
        (AuditLog.Actions.Cancel, "Cancellation", "Annulation"),
        (AuditLog.Actions.ProctoringDecision, "Proctoring decision", "Décision de surveillance"),
        (Core.Proctoring.ProctoringReviewService.Actions.ExplanationRequest, "Explanation asked of the candidate", "Explication demandée au candidat"),
        (Core.Proctoring.ProctoringReviewService.Actions.ExplanationReceived, "Candidate's explanation received", "Explication du candidat reçue"),
        (Core.Proctoring.ProctoringReviewService.Actions.ExplanationAccept, "Explanation accepted", "Explication acceptée"),
        (Core.Proctoring.ProctoringReviewService.Actions.Comment, "Proctoring review comment", "Commentaire de revue de surveillance"),
        (AuditLog.Actions.BulkSend, "Bulk send", "Envoi groupé"),
        (AuditLog.Actions.BulkRequest, "Bulk request", "Demande groupée"),
        (AuditLog.Actions.PrivilegeChange, "Privilege change", "Changement de droits"),
        (AuditLog.Actions.ApiKey, "API key", "Clé d'API"),
    ];

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

    private static readonly Dictionary<string, (string En, string Fr)> BulkKinds = new(StringComparer.Ordinal)
    {
        [nameof(BulkKind.GroupReport)] = ("Group report", "Rapport de groupe"),
        [nameof(BulkKind.GroupProgressionReport)] = ("Group progression report", "Rapport de progression du groupe"),
        [nameof(BulkKind.AllIndividualReports)] = ("All individual reports", "Tous les rapports individuels"),
        [nameof(BulkKind.AllIndividualProgressionReports)] = ("All individual progression reports", "Tous les rapports de progression individuels"),
        [nameof(BulkKind.AllCertificates)] = ("All certificates", "Tous les certificats"),
        [nameof(BulkKind.SendReportsToCandidates)] = ("Send each candidate their report", "Envoyer son rapport à chaque candidat"),
        [nameof(BulkKind.SendCertificatesToCandidates)] = ("Send each candidate their certificate", "Envoyer son certificat à chaque candidat"),
        [nameof(BulkKind.SkillsFile)] = ("Skills file", "Fichier des compétences"),
    };

    private static bool French => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";

    private static DocumentText Text => DocumentText.For(French ? "fr" : "en");

    /// <summary>The actions in the order the filter lists them: key and label.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All =>
        [.. Actions.Select(a => new KeyValuePair<string, string>(a.Key, French ? a.Fr : a.En))];

    public static string For(string action) => All.FirstOrDefault(a => a.Key == action).Value ?? action;

    public static string Field(string field) => Fields.TryGetValue(field, out var label) ? (French ? label.Fr : label.En) : field;

    /// <summary>A stored value as a person reads it ("PendingGrading" → "Pending grading", true → "Yes"); null stays null.</summary>
    public static string? Value(string field, string? value) => (field, value) switch
    {
        (_, null) => null,
        ("Status", _) when Enum.TryParse<RegistrationStatus>(value, out var status) && Enum.IsDefined(status) => Text.Status(status),
        ("Level", _) when Enum.TryParse<ScoreLevel>(value, out var level) && Enum.IsDefined(level) => Text.Level(level),
        ("ProctoringStatus", _) when Enum.TryParse<ProctoringStatus>(value, out var proctoring) && Enum.IsDefined(proctoring)
            => Text["Integrity." + proctoring],
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
        return space > 0 && BulkKinds.TryGetValue(detail[..space], out var kind)
            ? (French ? kind.Fr : kind.En) + " —" + (French ? detail[space..].Replace(" request ", " demande ", StringComparison.Ordinal) : detail[space..])
            : detail;
    }
}
