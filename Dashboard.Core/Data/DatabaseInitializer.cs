using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Data;

/// <summary>Brings a database to the current schema: migrations, WAL, then the raw-SQL parts (search index, tallies, triggers).</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
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

        await Results.SearchIndex.EnsureCreatedAsync(db, cancellationToken);
        await Results.RegistrationTallies.EnsureCreatedAsync(db, cancellationToken);
        await Documents.CertificateIssuer.IssueMissingAsync(db, cancellationToken);
    }
}
