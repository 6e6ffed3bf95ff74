using Dashboard.Core.Domain;

namespace Dashboard.Core.Accounts;

/// <summary>A privilege an owner can grant and its stable name (the words people read live in the web's AdminText resources).</summary>
public sealed record PrivilegeInfo(Privileges Privilege, string Code);

/// <summary>The privileges an owner can grant, in display order.</summary>
public static class PrivilegeCatalog
{
    public static IReadOnlyList<PrivilegeInfo> All { get; } =
    [
        new(Privileges.ViewResults, nameof(Privileges.ViewResults)),
        new(Privileges.Export, nameof(Privileges.Export)),
        new(Privileges.GroupReports, nameof(Privileges.GroupReports)),
        new(Privileges.SendToCandidates, nameof(Privileges.SendToCandidates)),
        new(Privileges.Grade, nameof(Privileges.Grade)),
        new(Privileges.AssignGraders, nameof(Privileges.AssignGraders)),
        new(Privileges.ManageCertificates, nameof(Privileges.ManageCertificates)),
        new(Privileges.CancelRegistrations, nameof(Privileges.CancelRegistrations)),
        new(Privileges.ReviewProctoring, nameof(Privileges.ReviewProctoring)),
        new(Privileges.ManageAdministrators, nameof(Privileges.ManageAdministrators)),
    ];

    /// <summary>
    /// "ViewResults, Grade": the privileges held by their stable names, in catalogue order ("Owner" for an owner, "None"
    /// for none). What records keep (the audit log): a screen words them in its reader's language.
    /// </summary>
    public static string Codes(Privileges privileges)
    {
        if (privileges == Privileges.Owner)
        {
            return nameof(Privileges.Owner);
        }

        var codes = All.Where(p => (privileges & p.Privilege) == p.Privilege).Select(p => p.Code).ToList();
        return codes.Count == 0 ? "None" : string.Join(", ", codes);
    }

    /// <summary>The privileges a <see cref="Codes"/> text names; null for a text that is not one (an entry written before codes).</summary>
    public static Privileges? FromCodes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == nameof(Privileges.Owner))
        {
            return Privileges.Owner;
        }

        if (text == "None")
        {
            return Privileges.None;
        }

        var privileges = Privileges.None;
        foreach (var code in text.Split(", "))
        {
            if (All.FirstOrDefault(p => p.Code == code) is not { } known)
            {
                return null;
            }

            privileges |= known.Privilege;
        }

        return privileges;
    }
}
