namespace Dashboard.Core.Domain;

public sealed class AuditEntry : IAccountOwned
{
    public long Id { get; set; }
    public int AccountId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The administrator who acted; null for the system (jobs, API).</summary>
    public int? AdministratorId { get; set; }
    public required string Actor { get; set; }

    /// <summary>A stable action name, e.g. "registration.cancel", "grading.save".</summary>
    public required string Action { get; set; }
    public int? RegistrationId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Detail { get; set; }
}
