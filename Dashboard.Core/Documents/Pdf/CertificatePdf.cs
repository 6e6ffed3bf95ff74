using Dashboard.Core.Documents.Localization;
using PdfSharp;
using PdfSharp.Drawing;

namespace Dashboard.Core.Documents.Pdf;

/// <summary>The diploma: landscape A4, framed, centred.</summary>
internal static class CertificatePdf
{
    public static byte[] Render(CertificateModel model, DocumentText text)
    {
        var s = model.Sitting;
        using var report = new PdfReport(text, $"{text["CertificateTitle"]} — {s.FullName}", runningTitle: "",
            generatedOn: $"{text["CertificateNumber"]} {model.Number}", PageOrientation.Landscape);
        var g = report.Graphics;
        var pageWidth = report.Page.Width.Point;
        var pageHeight = report.Page.Height.Point;

        // Double frame: a thick primary border and a thin gold one inside it.
        g.DrawRectangle(new XPen(Theme.Primary, 6), 24, 24, pageWidth - 48, pageHeight - 48);
        g.DrawRectangle(new XPen(Theme.Gold, 1.2), 36, 36, pageWidth - 72, pageHeight - 72);
        g.DrawRectangle(new XSolidBrush(Theme.Band), 40, 40, pageWidth - 80, 8);

        var ink = new XSolidBrush(Theme.Ink);
        var muted = new XSolidBrush(Theme.Muted);
        var primary = new XSolidBrush(Theme.Primary);
        var gold = new XSolidBrush(Theme.Gold);
        var width = pageWidth - 160;
        void Centre(string value, XFont font, XBrush brush, double y) =>
            g.DrawString(report.Fit(value, font, width), font, brush, new XRect(80, y, width, font.Size * 1.3), XStringFormats.TopCenter);

        Centre(model.AccountName.ToUpperInvariant(), Theme.Font(10, bold: true), muted, 70);
        Centre(text["CertificateTitle"].ToUpperInvariant(), Theme.Font(40, bold: true), primary, 98);
        Centre(text["CertificateSubtitle"], Theme.Font(14), gold, 152);
        g.DrawLine(new XPen(Theme.Gold, 1), (pageWidth / 2) - 60, 182, (pageWidth / 2) + 60, 182);

        Centre(text["CertifiesThat"], Theme.Font(13), muted, 204);
        Centre(s.FullName, Theme.Font(30, bold: true), ink, 228);
        Centre(text["PassedCertification"], Theme.Font(13), muted, 282);
        Centre(s.SubjectName, Theme.Font(22, bold: true), primary, 304);
        var score = text.Score(s.Score, s.Scale);
        Centre(s.Level is { } level ? text.Format("WithScoreAndLevel", score, text.Level(level)) : text.Format("WithScore", score),
            Theme.Font(13, bold: true), ink, 344);
        Centre(text.Format("IssuedOn", text.Date(s.CompletedAt ?? model.GeneratedAt)), Theme.Font(11), muted, 372);

        // Seal on the left, number and code on the right, signature line in the middle.
        var sealCentre = new XPoint(150, pageHeight - 130);
        g.DrawEllipse(new XPen(Theme.Gold, 2), sealCentre.X - 42, sealCentre.Y - 42, 84, 84);
        g.DrawEllipse(new XPen(Theme.Gold, 0.8), sealCentre.X - 36, sealCentre.Y - 36, 72, 72);
        g.DrawString(s.Level is { } l ? text.Level(l) : score, Theme.Font(9, bold: true), gold,
            new XRect(sealCentre.X - 36, sealCentre.Y - 8, 72, 16), XStringFormats.Center);

        var lineY = pageHeight - 110;
        g.DrawLine(new XPen(Theme.Muted, 0.6), (pageWidth / 2) - 100, lineY, (pageWidth / 2) + 100, lineY);
        g.DrawString(text["ExaminationBoard"], report.Small, muted, new XRect((pageWidth / 2) - 100, lineY + 4, 200, 10), XStringFormats.TopCenter);

        var right = pageWidth - 300;
        g.DrawString(text["CertificateNumber"], report.Small, muted, new XRect(right, pageHeight - 160, 220, 10), XStringFormats.TopLeft);
        g.DrawString(model.Number, Theme.MonoFont(11), ink, new XRect(right, pageHeight - 148, 220, 14), XStringFormats.TopLeft);
        g.DrawString(text["VerificationCode"], report.Small, muted, new XRect(right, pageHeight - 126, 220, 10), XStringFormats.TopLeft);
        g.DrawString(model.VerificationCode, Theme.MonoFont(11), ink, new XRect(right, pageHeight - 114, 220, 14), XStringFormats.TopLeft);
        return report.ToBytes();
    }
}
