using Dashboard.Core.Results;
using OfficeOpenXml;

namespace Dashboard.Bench;

/// <summary>
/// The baseline: the same rows and 21 columns as the product's export, written with EPPlus 4.5.3.3 the usual way
/// (cells set one by one, header frozen, autofilter, fixed widths — its AutoFit needs libgdiplus on Linux).
/// </summary>
internal static class EpplusExport
{
    private static readonly string[] Headers =
    [
        "ID", "Group", "Last name", "First name", "Test", "Test type", "Status", "Score", "Level", "Grader", "Session", "Proctoring",
        "Integrity", "Incidents", "External identifier", "Email", "Administration comments", "Registered", "Started", "Completed", "Duration (min)",
    ];

    public static async Task WriteAsync(IResultsQuery query, ResultsFilter filter, Stream output)
    {
        using var package = new ExcelPackage();
        var sheet = package.Workbook.Worksheets.Add("Results");
        for (var c = 0; c < Headers.Length; c++)
        {
            sheet.Cells[1, c + 1].Value = Headers[c];
            sheet.Column(c + 1).Width = 16;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var row = 1;
        await foreach (var r in query.StreamAsync(filter, null, true))
        {
            row++;
            var cells = sheet.Cells;
            cells[row, 1].Value = r.Id;
            cells[row, 2].Value = r.GroupName;
            cells[row, 3].Value = r.LastName;
            cells[row, 4].Value = r.FirstName;
            cells[row, 5].Value = r.SubjectName;
            cells[row, 6].Value = r.TestType.ToString();
            cells[row, 7].Value = r.Status.ToString();
            cells[row, 8].Value = r.Score;
            cells[row, 9].Value = r.Level?.ToString();
            cells[row, 10].Value = r.GraderName;
            cells[row, 11].Value = r.SessionName;
            cells[row, 12].Value = r.ProctoringProfile.ToString();
            cells[row, 13].Value = r.ProctoringStatus.ToString();
            cells[row, 14].Value = r.IncidentCount;
            cells[row, 15].Value = r.ExternalId;
            cells[row, 16].Value = r.Email;
            cells[row, 17].Value = r.AdminComment;
            cells[row, 18].Value = TimeZoneInfo.ConvertTime(r.RegisteredAt, zone).DateTime;
            cells[row, 19].Value = r.StartedAt is { } s ? TimeZoneInfo.ConvertTime(s, zone).DateTime : null;
            cells[row, 20].Value = r.CompletedAt is { } c ? TimeZoneInfo.ConvertTime(c, zone).DateTime : null;
            cells[row, 21].Value = r.DurationSeconds is { } d ? Math.Round(d / 60.0, 1) : null;
        }

        sheet.Cells[2, 18, Math.Max(2, row), 20].Style.Numberformat.Format = "yyyy-mm-dd hh:mm";
        sheet.View.FreezePanes(2, 1);
        sheet.Cells[1, 1, Math.Max(1, row), Headers.Length].AutoFilter = true;
        package.SaveAs(output);
    }
}
