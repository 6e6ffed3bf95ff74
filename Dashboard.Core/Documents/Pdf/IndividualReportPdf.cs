using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Documents.Pdf;

internal static class IndividualReportPdf
{
    public static byte[] Render(IndividualReportModel model, DocumentText text)
    {
        var s = model.Sitting;
        using var report = new PdfReport(text, $"{text["IndividualReport"]} — {s.FullName}",
            $"{text["IndividualReport"]} · {s.FullName} · {s.SubjectName}", text.Format("GeneratedOn", text.DateTime(model.GeneratedAt)));

        report.Title(text["IndividualReport"], $"{s.SubjectName} · {text.TestType(s.TestType)}");
        report.Facts(
        [
            (text["Candidate"], s.FullName),
            (text["Group"], s.GroupName),
            (text["Email"], s.Email),
            (text["Session"], s.SessionName ?? text["NoSession"]),
            (text["Date"], s.CompletedAt is { } done ? text.DateTime(done) : "—"),
            (text["RegistrationId"], s.RegistrationId.ToString(text.Culture)),
        ], columns: 2);

        var answered = model.Questions.Count;
        var averageTime = answered > 0 ? (int?)Math.Round(model.Questions.Average(q => q.TimeSeconds)) : null;
        report.KeyFigures(
        [
            (text["Score"], text.Score(s.Score, s.Scale), Theme.LevelColor(s.Level)),
            (text["Level"], text.Level(s.Level), Theme.LevelColor(s.Level)),
            (text["Duration"], text.Duration(s.DurationSeconds), null),
            (text["AverageTimePerQuestion"], text.Duration(averageTime), null),
        ]);

        if (model.Scores.Skills.Count > 0)
        {
            report.Heading(text["ScoresBySkill"]);
            var max = s.Scale == ScoreScale.Points1000 ? 1000 : 100;
            Charts.HorizontalBars(report, model.Scores.Skills
                .Select(k => new Bar(k.SkillName, k.Score, k.Level is { } l ? $"{text.Score(k.Score, s.Scale)} · {text.Level(l)}" : text.Score(k.Score, s.Scale), Theme.LevelColor(k.Level)))
                .ToList(), max);
        }

        report.Heading(text["QuestionDetail"]);
        if (answered == 0)
        {
            report.Paragraph(text["NoResponses"], color: Theme.Muted);
        }
        else
        {
            var table = new PdfTable(report,
            [
                new(text["QuestionNo"], 0.35, Align.Right),
                new(text["Question"], 2.0, Wrap: true),
                new(text["Skill"], 1.5),
                new(text["Answer"], 1.4),
                new(text["CorrectAnswer"], 1.4, Wrap: true),
                new(text["Points"], 0.75, Align.Right),
                new(text["Time"], 0.6, Align.Right),
            ]);
            foreach (var q in model.Questions)
            {
                var points = q.Points is { } p ? $"{text.Number(p, Decimals(p))}/{text.Number(q.MaxPoints, Decimals(q.MaxPoints))}" : text["NotGradedYet"];
                var correct = q.ManuallyGraded ? text["ManuallyGraded"] : q.CorrectAnswer ?? "—";
                var full = q.Points is { } got && got >= q.MaxPoints;
                var none = q.Points is 0;
                table.Row(
                    [q.Number.ToString(text.Culture), q.Question, q.Skill, AnswerText.Display(q.Answer) ?? text["NoAnswer"], AnswerText.Display(correct) ?? "—", points, text.ShortDuration(q.TimeSeconds)],
                    colors: [null, null, null, null, null, full ? Theme.Positive : none ? Theme.Negative : null, null]);
                if (q.ManuallyGraded && !string.IsNullOrWhiteSpace(q.GraderComment))
                {
                    table.Note(text.Format("GraderComment", q.GraderComment.Trim()));
                }
            }

            table.End();
        }

        return report.ToBytes();
    }

    private static int Decimals(double value) => Math.Abs(value - Math.Round(value)) < 1e-9 ? 0 : 1;
}
