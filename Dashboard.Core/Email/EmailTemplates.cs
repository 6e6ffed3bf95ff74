namespace Dashboard.Core.Email;

/// <summary>The data of one email body; the web renders it with a Razor component in <see cref="Language"/>.</summary>
public abstract record EmailTemplateModel(string Language);

/// <summary>A candidate receives their own report or certificate.</summary>
public sealed record CandidateDocumentEmail(string Language, string CandidateName, string SubjectName, bool IsCertificate, string AccountName)
    : EmailTemplateModel(Language);

/// <summary>The requesting administrator learns that their group request is finished; <see cref="ExpiresAt"/> is in <see cref="TimeZone"/>.</summary>
public sealed record BulkCompletedEmail(string Language, string RequesterName, string ActionName, string GroupName, string SubjectName,
    string? DownloadUrl, bool FileAttached, int ItemsDone, int ItemsTotal, int ItemsFailed, DateTimeOffset? ExpiresAt, string JobsUrl,
    string TimeZone)
    : EmailTemplateModel(Language);

/// <summary>Renders email bodies to HTML. Implemented by the web project (Razor components rendered with HtmlRenderer).</summary>
public interface IEmailTemplateRenderer
{
    Task<string> RenderHtmlAsync(EmailTemplateModel model, CancellationToken cancellationToken = default);
}
