using System.Globalization;
using System.Resources;
using Dashboard.Core.Bulk;
using Dashboard.Core.Domain;

namespace Dashboard.Web.Components.Pages.Admin;

/// <summary>
/// What the audit log shows a person instead of the names stored in an entry (actions, fields, enum values), in the
/// UI culture's language. Actions, statuses, levels and bulk kinds come from <see cref="Labels"/>; field names and
/// yes/no from AdminText.resx ("AuditField.Status").
/// </summary>
public static class AuditActionLabels
{
    private static readonly ResourceManager Resources = new(typeof(AdminText));

    private static string? Resource(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture);

    /// <summary>The actions in the order the filter lists them: key and label.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All => Labels.AuditActionsInOrder;

    public static string For(string action) => Labels.ForAuditAction(action);

    public static string Field(string field) => Resource("AuditField." + field) ?? field;

    /// <summary>A stored value as a person reads it ("PendingGrading" → "Pending grading", true → "Yes"); null stays null.</summary>
    public static string? Value(string field, string? value) => (field, value) switch
    {
        (_, null) => null,
        ("Status", _) when Enum.TryParse<RegistrationStatus>(value, out var status) && Enum.IsDefined(status) => Labels.For(status),
        ("Level", _) when Enum.TryParse<ScoreLevel>(value, out var level) && Enum.IsDefined(level) => Labels.For(level),
        ("ProctoringStatus", _) when Enum.TryParse<ProctoringStatus>(value, out var proctoring) && Enum.IsDefined(proctoring)
            => Labels.For(proctoring),
        ("Privileges", _) when Core.Accounts.PrivilegeCatalog.FromCodes(value) is { } privileges => AdminText.Describe(key => Resource(key) ?? key, privileges),
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
        return space > 0 && Enum.TryParse<BulkKind>(detail[..space], out var kind) && Enum.IsDefined(kind)
            ? Labels.For(kind) + " —" + detail[space..].Replace(" request ", Resource("AuditRequest"), StringComparison.Ordinal)
            : detail;
    }
}
