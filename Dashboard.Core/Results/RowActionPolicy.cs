using Dashboard.Core.Domain;

namespace Dashboard.Core.Results;

/// <summary>The buttons at the end of a Results row.</summary>
[Flags]
public enum RowActions
{
    None = 0,
    Analysis = 1 << 0,
    Grade = 1 << 1,
    AssignGrader = 1 << 2,
    DownloadCertificate = 1 << 3,
    Cancel = 1 << 4,
}

/// <summary>
/// Which actions a row offers, by its status and the acting administrator's privileges. Pure, so the
/// grid, the tests and any future list agree; the Core services still enforce every privilege themselves.
/// </summary>
public static class RowActionPolicy
{
    public static RowActions For(ResultRow row, Privileges privileges, int? administratorId)
    {
        ArgumentNullException.ThrowIfNull(row);
        if ((privileges & Privileges.ViewResults) == 0)
        {
            return RowActions.None;
        }

        var actions = RowActions.None;
        switch (row.Status)
        {
            case RegistrationStatus.Completed:
                actions |= RowActions.Analysis;
                if (row.TestType == TestType.Certification && row.CertificateValidated && Has(privileges, Privileges.ManageCertificates))
                {
                    actions |= RowActions.DownloadCertificate;
                }

                break;
            case RegistrationStatus.PendingGrading:
                if (Has(privileges, Privileges.Grade) && administratorId is not null && row.GraderId == administratorId)
                {
                    actions |= RowActions.Grade;
                }

                if (Has(privileges, Privileges.AssignGraders))
                {
                    actions |= RowActions.AssignGrader;
                }

                break;
            case RegistrationStatus.ToBeTaken:
                if (Has(privileges, Privileges.CancelRegistrations))
                {
                    actions |= RowActions.Cancel;
                }

                break;
            case RegistrationStatus.InProgress:
            case RegistrationStatus.Cancelled:
            default:
                break;
        }

        return actions;
    }

    private static bool Has(Privileges privileges, Privileges wanted) => (privileges & wanted) == wanted;
}
