using Dashboard.Core.Documents.Localization;
using PdfSharp.Drawing;

namespace Dashboard.Core.Documents.Pdf;

internal static class AttestationPdf
{
    public static byte[] Render(AttestationModel model, DocumentText text)
    {
        var s = model.Sitting;
        using var report = new PdfReport(text, $"{text["AttestationTitle"]} — {s.FullName}",
            $"{text["AttestationTitle"]} · {model.AccountName}", text.Format("GeneratedOn", text.DateTime(model.GeneratedAt)));

        report.Title(text["AttestationTitle"], model.AccountName);
        report.Paragraph(text["AttestationIntro"], Theme.Font(11));
        report.Y += 6;

        report.Heading(text["Identity"]);
        report.Facts(
        [
            (text["Name"], s.FullName),
            (text["Email"], s.Email),
            (text["ExternalId"], s.ExternalId ?? "—"),
            (text["Group"], s.GroupName),
        ], columns: 2);

        report.Heading(text["TestSitting"]);
        report.Facts(
        [
            (text["Test"], s.SubjectName),
            (text["TestType"], text.TestType(s.TestType)),
            (text["Session"], s.SessionName ?? text["NoSession"]),
            (text["Status"], text.Status(s.Status)),
            (text["DateAndTime"], s.StartedAt is { } started ? text.DateTime(started) : "—"),
            (text["Completed"], s.CompletedAt is { } completed ? text.DateTime(completed) : text["NotFinished"]),
            (text["Duration"], text.Duration(s.DurationSeconds)),
            (text["ProctoringMode"], text.Proctoring(s.Proctoring)),
            (text["RegistrationId"], s.RegistrationId.ToString(text.Culture)),
        ], columns: 2);

        report.Y += 16;
        report.Paragraph(text["AttestationClosing"]);
        report.Y += 8;
        report.Paragraph(text.Format("IssuedAt", text.Date(model.GeneratedAt)), report.Bold);

        var g = report.Graphics;
        var lineY = report.Y + 50;
        g.DrawLine(new XPen(Theme.Muted, 0.6), report.Left + report.Width - 200, lineY, report.Left + report.Width, lineY);
        g.DrawString(model.AccountName, report.Small, new XSolidBrush(Theme.Muted),
            new XRect(report.Left + report.Width - 200, lineY + 4, 200, 10), XStringFormats.TopCenter);
        return report.ToBytes();
    }
}
