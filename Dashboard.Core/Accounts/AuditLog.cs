using System.Text.Json;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;

namespace Dashboard.Core.Accounts;

/// <summary>Records who did what, when, with before/after, in the same unit of work as the change itself.</summary>
public sealed class AuditLog(AccountScope scope, TimeProvider time)
{
    public static class Actions
    {
        public const string Cancel = "registration.cancel";
        public const string AssignGrader = "grading.assign";
        public const string Grade = "grading.save";
        public const string ProctoringDecision = "proctoring.decision";
        public const string BulkSend = "bulk.send";
        public const string BulkRequest = "bulk.request";
        public const string PrivilegeChange = "admin.privileges";
        public const string ApiKey = "admin.apikey";
    }

    /// <summary>Adds the entry to <paramref name="db"/>; it is written by the caller's SaveChanges.</summary>
    public AuditEntry Record(DashboardDbContext db, string action, int? registrationId = null,
        object? before = null, object? after = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entry = new AuditEntry
        {
            AccountId = scope.RequireAccountId(),
            At = time.GetUtcNow(),
            AdministratorId = scope.AdministratorId,
            Actor = scope.ActorName,
            Action = action,
            RegistrationId = registrationId,
            Before = before is null ? null : JsonSerializer.Serialize(before),
            After = after is null ? null : JsonSerializer.Serialize(after),
            Detail = detail,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
