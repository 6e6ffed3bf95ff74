using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (default) or "Postgres".</summary>
    [Required]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Defaults to the SQLite file App_Data/dashboard.db under the content root.</summary>
    public string? ConnectionString { get; set; }
}
