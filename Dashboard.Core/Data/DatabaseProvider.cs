using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Data;

/// <summary>
/// The one place that turns <c>Database:Provider</c> and a connection string into EF options. SQLite keeps its
/// migrations in this assembly; PostgreSQL's live in Dashboard.Migrations.Postgres (EF keeps one migrations
/// assembly per provider, each with its own model snapshot).
/// </summary>
public static class DatabaseProvider
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string PostgresMigrationsAssembly = "Dashboard.Migrations.Postgres";

    public static bool IsPostgres(string? provider) =>
        string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase)
        || string.Equals(provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase)
        || string.Equals(provider, "Npgsql", StringComparison.OrdinalIgnoreCase);

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string? provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IsPostgres(provider))
        {
            return options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
        }

        if (provider is not null && !string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported: use '{Sqlite}' or '{Postgres}'.");
        }

        return options.UseSqlite(connectionString);
    }
}
