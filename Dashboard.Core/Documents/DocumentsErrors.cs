namespace Dashboard.Core.Documents;

/// <summary>Marks the messages of the documents' look-ups: DocumentsErrors.resx (English) and DocumentsErrors.fr.resx, read through <c>UserText</c>.</summary>
public sealed class DocumentsErrors;
