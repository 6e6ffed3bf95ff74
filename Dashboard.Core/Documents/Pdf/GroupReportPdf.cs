using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;
using PdfSharp.Drawing;

namespace Dashboard.Core.Documents.Pdf;

internal static class GroupReportPdf
{
    private static readonly XColor[] Podium = [XColor.FromArgb(255, 243, 205), XColor.FromArgb(236, 239, 241), XColor.FromArgb(250, 229, 214)];

    public static byte[] Render(GroupReportModel model, DocumentText text)
    {
        using var report = new PdfReport(text, $"{text["GroupReport"]} — {model.GroupName} — {model.SubjectName}",
            $"{text["GroupReport"]} · {model.GroupName} · {model.SubjectName}", text.Format("GeneratedOn", text.DateTime(model.GeneratedAt)));
        var decimals = model.Scale == ScoreScale.Percentage ? 1 : 0;

        report.Title(text["GroupReport"], $"{model.GroupName}{(model.HasSubGroups ? $" ({text["IncludesSubGroups"]})" : "")} · {model.SubjectName}");
        report.Facts(
        [
            (text["Group"], model.GroupName),
            (text["Test"], model.SubjectName),
            (text["Period"], text.Format("PeriodRange", text.Date(model.From), text.Date(model.To))),
            (text["Candidates"], model.Statistics.Candidates.ToString(text.Culture)),
        ], columns: 2);

        if (model.Ranking.Count == 0)
        {
            report.Paragraph(text["NoCompletedTests"], color: Theme.Muted);
            return report.ToBytes();
        }

        var st = model.Statistics;
        report.KeyFigures(
        [
            (text["Candidates"], st.Candidates.ToString("N0", text.Culture), null),
            (text["Mean"], text.Number(st.Mean, 1), Theme.LevelColor(LevelOf(model.Scale, st.Mean))),
            (text["Median"], text.Number(st.Median, decimals == 0 ? 1 : decimals), Theme.LevelColor(LevelOf(model.Scale, st.Median))),
        ]);
        report.KeyFigures(
        [
            (text["Minimum"], text.Number(st.Minimum, decimals), Theme.LevelColor(LevelOf(model.Scale, st.Minimum))),
            (text["Maximum"], text.Number(st.Maximum, decimals), Theme.LevelColor(LevelOf(model.Scale, st.Maximum))),
            (text["StandardDeviation"], text.Number(st.StandardDeviation, 1), null),
        ]);

        report.Heading(model.Scale == ScoreScale.Points1000 ? text["DistributionByLevel"] : text["DistributionByRange"]);
        Charts.Histogram(report, model.Distribution
            .Select(d => new Bar(d.Label, d.Count, d.Count.ToString("N0", text.Culture), Theme.LevelColor(d.Level)))
            .ToList(), chartHeight: 130);

        if (model.SkillAverages.Count > 0)
        {
            report.Heading(text["AverageBySkill"]);
            var max = model.Scale == ScoreScale.Points1000 ? 1000 : 100;
            Charts.HorizontalBars(report, model.SkillAverages
                .Select(k => new Bar(k.Skill, k.Average, text.Number(k.Average, 1), Theme.LevelColor(LevelOf(model.Scale, k.Average))))
                .ToList(), max);
        }

        report.NewPage();
        report.Heading(text["Ranking"]);
        var table = new PdfTable(report,
        [
            new(text["Rank"], 0.55, Align.Right),
            new(text["Name"], 2.6),
            new(text["Group"], 1.6),
            new(text["TestDate"], 1.2),
            new(text["Attempts"], 0.6, Align.Right),
            new(text["Score"], 0.8, Align.Right),
            new(text["Level"], 1.1),
        ]);
        foreach (var entry in model.Ranking)
        {
            var b = entry.Best;
            table.Row(
                [entry.Rank.ToString(text.Culture), $"{b.LastName} {b.FirstName}", b.GroupName, b.CompletedAt is { } at ? text.ShortDate(at) : "—",
                    entry.Attempts.ToString(text.Culture), text.Score(b.Score, b.Scale), text.Level(b.Level)],
                highlight: entry.Rank <= 3 ? Podium[entry.Rank - 1] : null);
        }

        table.End();
        return report.ToBytes();
    }

    private static ScoreLevel? LevelOf(ScoreScale scale, double score) => Scoring.ScoreCalculator.LevelOn(scale, score);
}
