using System.Globalization;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Data.DemoData;

/// <summary>The platform's subject catalogue: skills and item banks, some adaptive, some manually graded.</summary>
internal static class DemoCatalog
{
    private sealed record Spec(string Name, ScoreScale Scale, bool Adaptive, int PerTest, int Minutes, double Threshold, string[] Skills, int ManualQuestions);

    private static readonly Spec[] Specs =
    [
        new("Excel", ScoreScale.Points1000, false, 20, 45, 551, ["Formulas and functions", "Charts", "Pivot tables", "Data management"], 0),
        new("Word", ScoreScale.Points1000, false, 18, 40, 551, ["Formatting", "Long documents", "Mail merge"], 0),
        new("PowerPoint", ScoreScale.Points1000, false, 15, 30, 551, ["Slide design", "Animations", "Presenting"], 0),
        new("Python", ScoreScale.Points1000, false, 16, 60, 600, ["Syntax", "Data structures", "Functions", "Testing"], 4),
        new("Business English", ScoreScale.Points1000, true, 25, 50, 551, ["Reading", "Listening", "Grammar", "Vocabulary"], 0),
        new("Français professionnel", ScoreScale.Points1000, true, 25, 50, 551, ["Compréhension écrite", "Orthographe", "Grammaire"], 0),
        new("Project management", ScoreScale.Percentage, false, 20, 40, 70, ["Planning", "Risk", "Stakeholders"], 0),
        new("Cybersecurity awareness", ScoreScale.Percentage, false, 15, 25, 75, ["Phishing", "Passwords", "Data protection"], 0),
        new("Customer service writing", ScoreScale.Percentage, false, 12, 45, 65, ["Tone", "Clarity", "Complaint handling"], 3),
        new("SQL", ScoreScale.Points1000, false, 16, 50, 600, ["Queries", "Joins", "Aggregation", "Modelling"], 3),
    ];

    public static List<Subject> Create(Random random)
    {
        var subjects = new List<Subject>();
        foreach (var spec in Specs)
        {
            var subject = new Subject
            {
                Name = spec.Name, Scale = spec.Scale, IsAdaptive = spec.Adaptive, QuestionsPerTest = spec.PerTest,
                DurationMinutes = spec.Minutes, CertificationThreshold = spec.Threshold,
            };
            for (var s = 0; s < spec.Skills.Length; s++)
            {
                subject.Skills.Add(new Skill { Name = spec.Skills[s], Order = s });
            }

            var bankSize = spec.Adaptive ? 60 : spec.PerTest + 10;
            var order = 0;
            for (var q = 0; q < bankSize - spec.ManualQuestions; q++)
            {
                var skill = subject.Skills[q % subject.Skills.Count];
                subject.Questions.Add(ChoiceQuestion(random, skill, order++, q));
            }

            for (var m = 0; m < spec.ManualQuestions; m++)
            {
                var skill = subject.Skills[m % subject.Skills.Count];
                var code = spec.Name is "Python" or "SQL";
                subject.Questions.Add(new Question
                {
                    Skill = skill, Order = order++, Kind = code ? QuestionKind.Code : QuestionKind.Essay, MaxPoints = 5,
                    Text = code
                        ? $"{skill.Name}: write a short program that solves the task described (exercise {m + 1})."
                        : $"{skill.Name}: write a reply to the customer message shown (exercise {m + 1}).",
                    Difficulty = Math.Round((random.NextDouble() * 2) - 0.5, 2),
                });
            }

            subjects.Add(subject);
        }

        return subjects;
    }

    private static Question ChoiceQuestion(Random random, Skill skill, int order, int index)
    {
        var difficulty = Math.Round((random.NextDouble() * 5) - 2.5, 2);
        var kindRoll = index % 7;
        if (kindRoll == 5)
        {
            var a = random.Next(2, 20);
            var b = random.Next(2, 20);
            return new Question
            {
                Skill = skill, Order = order, Kind = QuestionKind.Numeric, MaxPoints = 1, Difficulty = difficulty,
                Text = $"{skill.Name}: a sheet holds {a} rows of {b} values. How many values in total?",
                CorrectAnswer = (a * b).ToString(CultureInfo.InvariantCulture),
            };
        }

        if (kindRoll == 6)
        {
            return new Question
            {
                Skill = skill, Order = order, Kind = QuestionKind.MultipleChoice, MaxPoints = 2, Difficulty = difficulty,
                Text = $"{skill.Name}: select every correct statement (question {index + 1}).",
                Choices = "A|B|C|D|E", CorrectAnswer = random.Next(2) == 0 ? "A|C" : "B|D|E",
            };
        }

        var choices = new[] { "A", "B", "C", "D" };
        return new Question
        {
            Skill = skill, Order = order, Kind = QuestionKind.SingleChoice, MaxPoints = 1, Difficulty = difficulty,
            Text = $"{skill.Name}: choose the correct option (question {index + 1}).",
            Choices = string.Join('|', choices), CorrectAnswer = choices[random.Next(choices.Length)],
        };
    }
}
