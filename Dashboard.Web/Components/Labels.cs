using System.Globalization;
using System.Resources;
using Dashboard.Core.Accounts;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;
using Dashboard.Core.Proctoring;
using Dashboard.Web.Localization;
using MudBlazor;

namespace Dashboard.Web.Components;

/// <summary>
/// The one source of the words and colours the interface uses for domain values, in the current UI culture
/// (SharedText.resx / SharedText.fr.resx; bulk kinds come from Core's own texts, which documents and emails share).
/// </summary>
public static class Labels
{
    private static readonly ResourceManager Resources = new(typeof(SharedText));

    /// <summary>The resource's text in the current UI culture, or the key itself when no resource has it.</summary>
    internal static string Text(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string For(RegistrationStatus status) => Text("Status" + status);

    public static Color ColorOf(RegistrationStatus status) => status switch
    {
        RegistrationStatus.ToBeTaken => Color.Default,
        RegistrationStatus.InProgress => Color.Info,
        RegistrationStatus.Completed => Color.Success,
        RegistrationStatus.PendingGrading => Color.Warning,
        RegistrationStatus.Cancelled => Color.Dark,
        _ => Color.Default,
    };

    public static string For(TestType type) => Text("Type" + type);

    public static string For(ScoreLevel level) => Text("Level" + level);

    public static string For(ProctoringProfile profile) => Text("Profile" + profile);

    public static string For(ProctoringStatus status) => Text("Proctoring" + status);

    public static Color ColorOf(ProctoringStatus status) => status switch
    {
        ProctoringStatus.PendingReview or ProctoringStatus.AwaitingDetails => Color.Warning,
        ProctoringStatus.DetailUnderReview => Color.Info,
        ProctoringStatus.ExplanationValidated or ProctoringStatus.Validated => Color.Success,
        ProctoringStatus.Invalid => Color.Error,
        _ => Color.Default,
    };

    /// <summary>A bulk request's kind ("Group report"), as My requests, the audit log and the emails name it.</summary>
    public static string For(BulkKind kind) => BulkKindNames.Of(kind, Language);

    /// <summary>A bulk action as the Group reports menu offers it ("Download the group report").</summary>
    public static string MenuLabel(BulkKind kind) => BulkKindNames.MenuLabel(kind, Language);

    /// <summary>The audit log's actions in the order its filter lists them, each with its resource key.</summary>
    private static readonly IReadOnlyList<(string Action, string Key)> AuditActions =
    [
        (AuditLog.Actions.Grade, "AuditGrade"),
        (AuditLog.Actions.AssignGrader, "AuditAssignGrader"),
        (AuditLog.Actions.Cancel, "AuditCancel"),
        (AuditLog.Actions.ProctoringDecision, "AuditProctoringDecision"),
        (ProctoringReviewService.Actions.ExplanationRequest, "AuditExplanationRequest"),
        (ProctoringReviewService.Actions.ExplanationReceived, "AuditExplanationReceived"),
        (ProctoringReviewService.Actions.ExplanationAccept, "AuditExplanationAccept"),
        (ProctoringReviewService.Actions.Comment, "AuditComment"),
        (AuditLog.Actions.BulkSend, "AuditBulkSend"),
        (AuditLog.Actions.BulkRequest, "AuditBulkRequest"),
        (AuditLog.Actions.PrivilegeChange, "AuditPrivilegeChange"),
        (AuditLog.Actions.ApiKey, "AuditApiKey"),
    ];

    /// <summary>Every audit action with its label, in the order the audit log's filter lists them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> AuditActionsInOrder =>
        [.. AuditActions.Select(a => new KeyValuePair<string, string>(a.Action, Text(a.Key)))];

    /// <summary>An audit entry's action ("grading.save" → "Grading"); an unknown action shows as stored.</summary>
    public static string ForAuditAction(string action) =>
        AuditActions.FirstOrDefault(a => a.Action == action) is { Key: { } key } ? Text(key) : action;

    /// <summary>The current interface language as documents name it: "fr" or "en".</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";
}
