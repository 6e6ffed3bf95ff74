using Dashboard.Core.Grading;

namespace Dashboard.Web.Components.Pages.Grading;

/// <summary>What the grader typed for one question; kept on screen whatever the server answers.</summary>
public sealed class QuestionDraft(GradingQuestion question, int number)
{
    public GradingQuestion Question { get; } = question;
    public int Number { get; } = number;
    public double? Points { get; set; } = question.Points;
    public string? Comment { get; set; } = question.Comment;
    public bool Confirmed { get; set; } = question.Confirmed;

    /// <summary>The validation message under the grade field; null when the grade is valid or untouched.</summary>
    public string? Problem { get; set; }
    public bool Busy { get; set; }

    /// <summary>Where the next question takes the focus once this one is confirmed: its grade field when the grader typed
    /// in this one's field, the question itself when they used the question's keys.</summary>
    public bool FocusField { get; set; } = true;
    public GradingQuestionCard? Card { get; set; }
}
