using Dashboard.Core.Domain;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Pages.Admin;

/// <summary>Marks the Administrators and Audit log pages' texts: AdminText.resx (English) and AdminText.fr.resx.</summary>
public sealed class AdminText
{
    /// <summary>A privilege's name and what it allows, in the UI's language ("Privilege.Grade", "PrivilegeHelp.Grade").</summary>
    public static string Label(IStringLocalizer<AdminText> text, Privileges privilege)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["Privilege." + KeyOf(privilege)];
    }

    public static string Help(IStringLocalizer<AdminText> text, Privileges privilege)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["PrivilegeHelp." + KeyOf(privilege)];
    }

    /// <summary>The resource name of a privilege: its catalogue code, not its ToString(), which may read an alias ("Viewer" for ViewResults).</summary>
    private static string KeyOf(Privileges privilege) =>
        Core.Accounts.PrivilegeCatalog.All.FirstOrDefault(p => p.Privilege == privilege)?.Code ?? privilege.ToString();

    /// <summary>"View results, Grade": the privileges held, in catalogue order; an owner's read "All privileges (owner)".</summary>
    public static string Describe(IStringLocalizer<AdminText> text, Privileges privileges)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Describe(key => text[key], privileges);
    }

    /// <summary>The same words from any reader of AdminText's resources (the audit log reads them without a localizer).</summary>
    public static string Describe(Func<string, string> text, Privileges privileges)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (privileges == Privileges.Owner)
        {
            return text("AllPrivileges");
        }

        var labels = Core.Accounts.PrivilegeCatalog.All.Where(p => (privileges & p.Privilege) == p.Privilege).Select(p => text("Privilege." + p.Code)).ToList();
        return labels.Count == 0 ? text("NoPrivilege") : string.Join(", ", labels);
    }
}
