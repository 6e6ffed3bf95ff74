using Dashboard.Core.Bulk;
using Dashboard.Core.Documents.Localization;

namespace Dashboard.Core.Email;

/// <summary>Subject lines, in the email's language, read from the strings table.</summary>
public static class EmailSubjects
{
    public static string CandidateDocument(string language, string subjectName, bool isCertificate) =>
        DocumentText.For(language).Format(isCertificate ? "Email.Subject.Certificate" : "Email.Subject.Report", subjectName);

    public static string RequestFinished(string language, string actionName, string groupName, BulkStatus status) =>
        DocumentText.For(language).Format(status == BulkStatus.Failed ? "Email.Subject.RequestFailed" : "Email.Subject.RequestReady",
            actionName, groupName);
}
