using Dashboard.Core.Domain;

namespace Dashboard.Core.Accounts;

public sealed record PrivilegeInfo(Privileges Privilege, string Label, string Description);

/// <summary>The privileges an owner can grant, in display order, with the words the UI and the audit log use.</summary>
public static class PrivilegeCatalog
{
    public static IReadOnlyList<PrivilegeInfo> All { get; } =
    [
        new(Privileges.ViewResults, "View results", "See registrations, results and analyses"),
        new(Privileges.Export, "Export", "Download the Excel export of the results"),
        new(Privileges.GroupReports, "Group reports", "Ask for group PDF reports and ZIP files"),
        new(Privileges.SendToCandidates, "Send to candidates", "Email reports and certificates to candidates"),
        new(Privileges.Grade, "Grade", "Grade essay and code answers"),
        new(Privileges.AssignGraders, "Assign graders", "Assign registrations to graders"),
        new(Privileges.ManageCertificates, "Manage certificates", "Issue and download certificates and attestations"),
        new(Privileges.CancelRegistrations, "Cancel registrations", "Cancel a test not yet taken (refunds its credit)"),
        new(Privileges.ReviewProctoring, "Review proctoring", "Validate or invalidate proctored sittings"),
        new(Privileges.ManageAdministrators, "Manage administrators", "Edit administrators' privileges and read the audit log"),
    ];

    /// <summary>"View results, Grade" — the labels of the privileges held, in catalogue order.</summary>
    public static string Describe(Privileges privileges)
    {
        var labels = All.Where(p => (privileges & p.Privilege) == p.Privilege).Select(p => p.Label).ToList();
        return labels.Count == 0 ? "None" : string.Join(", ", labels);
    }
}
