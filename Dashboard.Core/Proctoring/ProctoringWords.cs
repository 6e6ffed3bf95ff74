namespace Dashboard.Core.Proctoring;

/// <summary>Marks the proctoring words (statuses, incident kinds, the reviewers' guidance, the candidate's email subject): ProctoringWords.resx (English) and ProctoringWords.fr.resx, read through <c>UserText</c> by <see cref="ProctoringText"/>.</summary>
public sealed class ProctoringWords;
