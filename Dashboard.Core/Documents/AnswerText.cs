namespace Dashboard.Core.Documents;

/// <summary>An answer as a person reads it: several choices "B|D|E" become "B, D, E", on one line.</summary>
public static class AnswerText
{
    public static string? Display(string? answer) =>
        answer?.ReplaceLineEndings(" ").Replace("|", ", ", StringComparison.Ordinal);
}
