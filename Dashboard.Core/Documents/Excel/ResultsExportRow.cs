namespace Dashboard.Core.Documents.Excel;

/// <summary>One row of the Results export: the grid's visible columns, then the extra information.</summary>
internal sealed class ResultsExportRow
{
    public int Id { get; init; }
    public string Group { get; init; } = "";
    public string LastName { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string Test { get; init; } = "";
    public string TestType { get; init; } = "";
    public string Status { get; init; } = "";
    public double? Score { get; init; }
    public string? Level { get; init; }
    public string? Grader { get; init; }
    public string? Session { get; init; }
    public string Proctoring { get; init; } = "";
    public string Integrity { get; init; } = "";
    public int Incidents { get; init; }
    public string? ExternalId { get; init; }
    public string Email { get; init; } = "";
    public string? Comment { get; init; }
    public DateTime Registered { get; init; }
    public DateTime? Started { get; init; }
    public DateTime? Completed { get; init; }
    public double? DurationMinutes { get; init; }
}
