using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Dashboard.Tests.Core.Documents;

/// <summary>The question table of the individual report as a reader sees it: whole questions, readable answers, graders' comments.</summary>
public sealed class IndividualReportDetailTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string LongQuestion =
        "Pivot tables: choose the layout that shows total sales per region and per quarter, with regions as rows and quarters as columns";

    private const string Comment = "Clear structure, but the quarterly totals are wrong: check the SUMIFS ranges before submitting.";

    private readonly DocumentWorld _world = new(database);

    [Fact]
    public async Task PositioningReportShowsWholeQuestionsNumberedFromOneChoicesWithCommasAndTheGradersComment()
    {
        var account = await _world.World.AccountAsync();
        var candidate = await _world.World.CandidateAsync(await _world.World.GroupAsync(account), "Chloé", "Reader");
        var subject = await _world.World.SubjectAsync("Excel", skills: 1, questionsPerSkill: 2, essays: 1);
        await using (var db = database.CreateDbContext(null))
        {
            var questions = await db.Questions.Where(q => q.Skill!.SubjectId == subject.Id).OrderBy(q => q.Order).ToListAsync();
            questions[0].Text = LongQuestion;
            questions[1].Kind = QuestionKind.MultipleChoice;
            questions[1].Choices = "A|B|C|D|E";
            questions[1].CorrectAnswer = "B|D|E";
            await db.SaveChangesAsync();
            subject.Questions.Clear();
            subject.Questions.AddRange(questions);
        }

        var essay = subject.Questions.Single(q => q.ManuallyGraded);
        var registration = await _world.SittingAsync(candidate, subject, i => i == 0, type: TestType.Positioning, configure: r =>
        {
            var graded = r.Responses.Single(x => x.QuestionId == essay.Id);
            graded.Points = 3;
            graded.GradeConfirmed = true;
            graded.GraderComment = Comment;
        });

        await using var scope = database.CreateScope(account.Id);
        var english = await DocumentWorld.Documents(scope).IndividualReportAsync(registration.Id, "en");
        var french = await DocumentWorld.Documents(scope).IndividualReportAsync(registration.Id, "fr");
        DocumentWorld.Keep("individual-detail.pdf", english.Content);

        using var pdf = PdfDocument.Open(english.Content);
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).ToList();
        var values = words.Select(w => w.Text).ToList();
        Assert.All(LongQuestion.Split(' '), w => Assert.Contains(w, values)); // every word of the question, none cut
        var first = words.First(w => w.Text == "Pivot");
        var last = words.First(w => w.Text == "columns");
        bool InFirstRow(UglyToad.PdfPig.Content.Word w) => w.BoundingBox.Bottom >= last.BoundingBox.Bottom - 1 && w.BoundingBox.Bottom <= first.BoundingBox.Bottom + 1;
        var questionLines = words.Where(w => InFirstRow(w) && Math.Abs(w.BoundingBox.Left - first.BoundingBox.Left) < 1).Select(w => Math.Round(w.BoundingBox.Bottom)).Distinct().Count();
        Assert.True(questionLines > 1, "the long question wraps over several lines");
        var numbers = words.Where(w => InFirstRow(w) && w.BoundingBox.Right < first.BoundingBox.Left).Select(w => w.Text).ToList();
        Assert.Equal(["1"], numbers); // the first question is number 1, not 0
        Assert.DoesNotContain(values, v => v.EndsWith('…'));

        var text = DocumentWorld.PdfText(english.Content);
        Assert.Contains("B, D, E", text);
        Assert.DoesNotContain("B|D|E", text);
        Assert.All(("Grader's comment: " + Comment).Split(' '), w => Assert.Contains(w, values)); // the grader's comment, in full
        Assert.Contains("Commentaire du correcteur", DocumentWorld.PdfText(french.Content));
    }
}
