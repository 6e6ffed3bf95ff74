using Dashboard.Core.Accounts;

namespace Dashboard.Web.Components.Pages.Admin;

/// <summary>Readable names of the audited actions, in the order the filter lists them.</summary>
public static class AuditActionLabels
{
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
    [
        new(AuditLog.Actions.Grade, "Grading"),
        new(AuditLog.Actions.AssignGrader, "Grader assignment"),
        new(AuditLog.Actions.Cancel, "Cancellation"),
        new(AuditLog.Actions.ProctoringDecision, "Proctoring decision"),
        new(AuditLog.Actions.BulkSend, "Bulk send"),
        new(AuditLog.Actions.BulkRequest, "Bulk request"),
        new(AuditLog.Actions.PrivilegeChange, "Privilege change"),
        new(AuditLog.Actions.ApiKey, "API key"),
    ];

    public static string For(string action) => All.FirstOrDefault(a => a.Key == action).Value ?? action;
}
