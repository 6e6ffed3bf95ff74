namespace Dashboard.Core.Grading;

/// <summary>Marks the messages of grading and grader assignment: GradingErrors.resx (English) and GradingErrors.fr.resx, read through <c>UserText</c>.</summary>
public sealed class GradingErrors;
