namespace Dashboard.Core.Bulk;

/// <summary>Marks the messages of bulk requests: BulkErrors.resx (English) and BulkErrors.fr.resx, read through <c>UserText</c>.</summary>
public sealed class BulkErrors;
