namespace Dashboard.Core.Proctoring;

/// <summary>Marks the messages of proctoring reviews and the candidate's explanation: ProctoringErrors.resx (English) and ProctoringErrors.fr.resx, read through <c>UserText</c>.</summary>
public sealed class ProctoringErrors;
