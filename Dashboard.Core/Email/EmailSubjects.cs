using Dashboard.Core.Bulk;

namespace Dashboard.Core.Email;

/// <summary>Subject lines, in the email's language.</summary>
public static class EmailSubjects
{
    public static string CandidateDocument(string language, string subjectName, bool isCertificate) => (language, isCertificate) switch
    {
        ("fr", true) => $"Votre certificat {subjectName}",
        ("fr", false) => $"Votre rapport de résultats {subjectName}",
        (_, true) => $"Your {subjectName} certificate",
        _ => $"Your {subjectName} results report",
    };

    public static string RequestFinished(string language, string actionName, string groupName, BulkStatus status) =>
        (language, status == BulkStatus.Failed) switch
        {
            ("fr", true) => $"Échec de votre demande : {actionName} – {groupName}",
            ("fr", false) => $"Votre demande est prête : {actionName} – {groupName}",
            (_, true) => $"Your request failed: {actionName} – {groupName}",
            _ => $"Your request is ready: {actionName} – {groupName}",
        };
}
