namespace Dashboard.Core.Domain;

public sealed class Group : IAccountOwned
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public required string Name { get; set; }
    public int? ParentGroupId { get; set; }
    public Group? ParentGroup { get; set; }
    public bool IsArchived { get; set; }
}

public sealed class Candidate : IAccountOwned
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public required string Email { get; set; }
    public string? ExternalId { get; set; }

    /// <summary>"en" or "fr".</summary>
    public string PreferredLanguage { get; set; } = "en";

    public int GroupId { get; set; }
    public Group? Group { get; set; }
}

public sealed class TestSession : IAccountOwned
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public required string Name { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public ProctoringProfile ProctoringProfile { get; set; }
}
