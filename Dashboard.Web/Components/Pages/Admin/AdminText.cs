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
        return text["Privilege." + privilege];
    }

    public static string Help(IStringLocalizer<AdminText> text, Privileges privilege)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["PrivilegeHelp." + privilege];
    }

    /// <summary>"View results, Grade": the privileges held, in catalogue order; an owner's read "All privileges (owner)".</summary>
    public static string Describe(IStringLocalizer<AdminText> text, Privileges privileges)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (privileges == Privileges.Owner)
        {
            return text["AllPrivileges"];
        }

        var labels = Core.Accounts.PrivilegeCatalog.All.Where(p => (privileges & p.Privilege) == p.Privilege).Select(p => Label(text, p.Privilege)).ToList();
        return labels.Count == 0 ? text["NoPrivilege"] : string.Join(", ", labels);
    }
}
