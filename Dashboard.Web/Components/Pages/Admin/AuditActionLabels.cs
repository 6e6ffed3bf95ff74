using System.Globalization;
using System.Resources;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;

namespace Dashboard.Web.Components.Pages.Admin;

/// <summary>
/// What the audit log shows a person instead of the names stored in an entry (actions, fields, enum values), in the
/// UI culture's language: actions and fields from AdminText.resx ("AuditAction.grading.save", "AuditField.Status"),
/// bulk kinds from <see cref="BulkKindNames"/>, statuses and levels in the documents' words.
/// </summary>
public static class AuditActionLabels
{
    private static readonly ResourceManager Resources = new(typeof(AdminText));

    /// <summary>The actions in the order the filter lists them.</summary>
    private static readonly string[] Actions =
    [
        AuditLog.Actions.Grade,
        AuditLog.Actions.AssignGrader,
        AuditLog.Actions.Cancel,
        AuditLog.Actions.ProctoringDecision,
        Core.Proctoring.ProctoringReviewService.Actions.ExplanationRequest,
        Core.Proctoring.ProctoringReviewService.Actions.ExplanationReceived,
        Core.Proctoring.ProctoringReviewService.Actions.ExplanationAccept,
        Core.Proctoring.ProctoringReviewService.Actions.Comment,
        AuditLog.Actions.BulkSend,
        AuditLog.Actions.BulkRequest,
        AuditLog.Actions.PrivilegeChange,
        AuditLog.Actions.ApiKey,
    ];

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";

    private static DocumentText Text => DocumentText.For(Language);

    private static string? Resource(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture);

    /// <summary>The actions in the order the filter lists them: key and label.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All =>
        [.. Actions.Select(a => new KeyValuePair<string, string>(a, For(a)))];

    public static string For(string action) => Resource("AuditAction." + action) ?? action;

    public static string Field(string field) => Resource("AuditField." + field) ?? field;

    /// <summary>A stored value as a person reads it ("PendingGrading" → "Pending grading", true → "Yes"); null stays null.</summary>
    public static string? Value(string field, string? value) => (field, value) switch
    {
        (_, null) => null,
        ("Status", _) when Enum.TryParse<RegistrationStatus>(value, out var status) && Enum.IsDefined(status) => Text.Status(status),
        ("Level", _) when Enum.TryParse<ScoreLevel>(value, out var level) && Enum.IsDefined(level) => Text.Level(level),
        ("ProctoringStatus", _) when Enum.TryParse<ProctoringStatus>(value, out var proctoring) && Enum.IsDefined(proctoring)
            => Text["Integrity." + proctoring],
        (_, "true") => Resource("Yes"),
        (_, "false") => Resource("No"),
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
        if (space <= 0 || !Enum.TryParse<BulkKind>(detail[..space], out var kind) || !Enum.IsDefined(kind))
        {
            return detail;
        }

        return BulkKindNames.Of(kind, Language) + " —" + detail[space..].Replace(" request ", Resource("AuditRequest"), StringComparison.Ordinal);
    }
}
