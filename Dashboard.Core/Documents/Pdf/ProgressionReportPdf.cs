using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Documents.Pdf;

internal static class ProgressionReportPdf
{
    public static byte[] Render(ProgressionModel model, DocumentText text)
    {
        var initial = model.Initial;
        var final = model.Final;
        using var report = new PdfReport(text, $"{text["ProgressionReport"]} — {final.FullName}",
            $"{text["ProgressionReport"]} · {final.FullName} · {final.SubjectName}", text.Format("GeneratedOn", text.DateTime(model.GeneratedAt)));

        report.Title(text["ProgressionReport"], final.SubjectName);
        report.Facts(
        [
            (text["Candidate"], final.FullName),
            (text["Group"], final.GroupName),
            (text["InitialTest"], initial.CompletedAt is { } a ? text.DateTime(a) : "—"),
            (text["FinalTest"], final.CompletedAt is { } b ? text.DateTime(b) : "—"),
        ], columns: 2);

        var change = (final.Score ?? 0) - (initial.Score ?? 0);
        var decimals = final.Scale == ScoreScale.Percentage ? 1 : 0;
        report.KeyFigures(
        [
            (text["InitialTest"], $"{text.Score(initial.Score, initial.Scale)} · {text.Level(initial.Level)}", Theme.LevelColor(initial.Level)),
            (text["FinalTest"], $"{text.Score(final.Score, final.Scale)} · {text.Level(final.Level)}", Theme.LevelColor(final.Level)),
            (text["Change"], text.Change(change, decimals), change >= 0 ? Theme.Positive : Theme.Negative),
        ]);

        var max = final.Scale == ScoreScale.Points1000 ? 1000 : 100;
        var skills = model.FinalScores.Skills
            .Select(f => (Final: f, Initial: model.InitialScores.Skills.FirstOrDefault(i => i.SkillId == f.SkillId)))
            .ToList();
        if (skills.Count > 0)
        {
            report.Heading(text["ProgressionBySkill"]);
            Charts.PairedBars(report, skills.Select(x => new PairedBar(x.Final.SkillName, x.Initial?.Score ?? 0, x.Final.Score,
                x.Initial is { } i ? text.Score(i.Score, final.Scale) : "—", text.Score(x.Final.Score, final.Scale))).ToList(),
                max, text["InitialTest"], text["FinalTest"]);
        }

        var table = new PdfTable(report,
        [
            new(text["Skill"], 2.4),
            new(text["Initial"], 1, Align.Right),
            new(text["Level"], 1.1),
            new(text["Final"], 1, Align.Right),
            new(text["Level"], 1.1),
            new(text["Change"], 1, Align.Right),
        ]);
        table.Row([text["Overall"], text.Score(initial.Score, initial.Scale), text.Level(initial.Level), text.Score(final.Score, final.Scale), text.Level(final.Level), text.Change(change, decimals)],
            colors: [null, null, null, null, null, change >= 0 ? Theme.Positive : Theme.Negative], bold: true);
        foreach (var (f, i) in skills)
        {
            var delta = f.Score - (i?.Score ?? 0);
            table.Row([f.SkillName, i is null ? "—" : text.Score(i.Score, final.Scale), text.Level(i?.Level), text.Score(f.Score, final.Scale), text.Level(f.Level), i is null ? "—" : text.Change(delta, decimals)],
                colors: [null, null, null, null, null, delta >= 0 ? Theme.Positive : Theme.Negative]);
        }

        table.End();
        return report.ToBytes();
    }
}
