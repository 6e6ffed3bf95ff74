using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Dashboard.Core.Data;

/// <summary>Brings a database to the current schema: migrations, WAL, then the raw-SQL parts (search index, tallies, triggers).</summary>
public static class DatabaseInitializer
{
    /// <summary>The PostgreSQL advisory lock held while one node initialises the schema.</summary>
    private const string InitializationLock = "7140001";

    public static async Task InitializeAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await InitializePostgresAsync(db, cancellationToken);
            return;
        }

        if (db.Database.IsSqlite())
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }
            }
        }

        await db.Database.MigrateAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            // WAL lets the grid read while the simulator and jobs write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await EnsureRawSqlPartsAsync(db, cancellationToken);
    }

    // The same on both engines: search index and tallies (their triggers), then certificates validated without a number.
    private static async Task EnsureRawSqlPartsAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        await Results.SearchIndex.EnsureCreatedAsync(db, cancellationToken);
        await Results.RegistrationTallies.EnsureCreatedAsync(db, cancellationToken);
        await Documents.CertificateIssuer.IssueMissingAsync(db, cancellationToken);
    }

    private static async Task InitializePostgresAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Nodes starting together all find it missing; all but the first CREATE fail (42P04, or 23505 when two
                // insert its catalogue row at once). Theirs is the database wanted: go on to the migrations' lock.
            }
        }

        // Nodes starting together take turns: CREATE EXTENSION / FUNCTION / TRIGGER are not safe in parallel.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(" + InitializationLock + ")", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            await EnsureRawSqlPartsAsync(db, cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(" + InitializationLock + ")", cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
