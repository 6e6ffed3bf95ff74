using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;
using PdfSharp;

namespace Dashboard.Core.Documents.Pdf;

internal static class GroupProgressionPdf
{
    public static byte[] Render(GroupProgressionModel model, DocumentText text)
    {
        // Wide skill lists get a landscape page so every skill keeps its own column.
        var orientation = model.Skills.Count > 4 ? PageOrientation.Landscape : PageOrientation.Portrait;
        using var report = new PdfReport(text, $"{text["GroupProgressionReport"]} — {model.GroupName} — {model.SubjectName}",
            $"{text["GroupProgressionReport"]} · {model.GroupName} · {model.SubjectName}", text.Format("GeneratedOn", text.DateTime(model.GeneratedAt)), orientation);
        var decimals = model.Scale == ScoreScale.Percentage ? 1 : 0;

        report.Title(text["GroupProgressionReport"], $"{model.GroupName} · {model.SubjectName}");
        report.Facts(
        [
            (text["Group"], model.GroupName),
            (text["Test"], model.SubjectName),
            (text["Period"], text.Format("PeriodRange", text.Date(model.From), text.Date(model.To))),
            (text["CandidatesWithTwoTests"], model.Candidates.Count.ToString(text.Culture)),
        ], columns: 2);

        if (model.Candidates.Count == 0)
        {
            report.Paragraph(text["NoProgression"], color: Theme.Muted);
            return report.ToBytes();
        }

        report.KeyFigures(
        [
            (text["InitialTest"], text.Number(model.AverageInitial, 1), null),
            (text["FinalTest"], text.Number(model.AverageFinal, 1), null),
            (text["AverageChange"], text.Change(model.AverageChange, 1), model.AverageChange >= 0 ? Theme.Positive : Theme.Negative),
        ]);

        if (model.SkillProgressions.Count > 0)
        {
            report.Heading(text["AverageChangeBySkill"]);
            var max = model.Scale == ScoreScale.Points1000 ? 1000 : 100;
            Charts.PairedBars(report, model.SkillProgressions
                .Select(p => new PairedBar(p.Skill, p.InitialAverage, p.FinalAverage, text.Number(p.InitialAverage, 1), $"{text.Number(p.FinalAverage, 1)} ({text.Change(p.Change, 1)})"))
                .ToList(), max, text["InitialTest"], text["FinalTest"]);
        }

        report.Heading(text["Candidates"]);
        List<TableColumn> columns =
        [
            new(text["Name"], 2.4),
            new(text["Initial"], 0.8, Align.Right),
            new(text["Final"], 0.8, Align.Right),
            new(text["Change"], 0.8, Align.Right),
        ];
        columns.AddRange(model.Skills.Select(skill => new TableColumn(skill, 0.8, Align.Right)));
        var table = new PdfTable(report, columns);
        foreach (var c in model.Candidates)
        {
            List<string> cells = [$"{c.Final.LastName} {c.Final.FirstName}", text.Score(c.Initial.Score, model.Scale), text.Score(c.Final.Score, model.Scale), text.Change(c.Change, decimals)];
            cells.AddRange(c.SkillChanges.Select(d => d is { } v ? text.Change(v, decimals) : "—"));
            var colours = new List<PdfSharp.Drawing.XColor?> { null, null, null, c.Change >= 0 ? Theme.Positive : Theme.Negative };
            colours.AddRange(c.SkillChanges.Select(d => d is { } v ? (PdfSharp.Drawing.XColor?)(v >= 0 ? Theme.Positive : Theme.Negative) : null));
            table.Row(cells, colors: colours);
        }

        table.End();
        return report.ToBytes();
    }
}
