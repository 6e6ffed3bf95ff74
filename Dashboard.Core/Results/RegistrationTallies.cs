using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>The triggers that keep <see cref="RegistrationTally"/> in step with Registrations (SQLite).</summary>
public static class RegistrationTallies
{
    public const string Table = "RegistrationTallies";

    private const string Key = "AccountId, GroupId, SubjectId, Status, TestType";

    private static string Add(string row, int delta) => $"""
        INSERT INTO {Table} ({Key}, Count) VALUES ({row}.AccountId, {row}.GroupId, {row}.SubjectId, {row}.Status, {row}.TestType, {delta})
          ON CONFLICT ({Key}) DO UPDATE SET Count = Count + ({delta});
        """;

    private static readonly string[] Triggers =
    [
        $"CREATE TRIGGER IF NOT EXISTS {Table}_Insert AFTER INSERT ON Registrations BEGIN {Add("new", 1)} END",
        $"CREATE TRIGGER IF NOT EXISTS {Table}_Delete AFTER DELETE ON Registrations BEGIN {Add("old", -1)} END",
        $"""
        CREATE TRIGGER IF NOT EXISTS {Table}_Update AFTER UPDATE OF {Key} ON Registrations BEGIN
          {Add("old", -1)}
          {Add("new", 1)}
        END
        """,
    ];

    public static async Task EnsureCreatedAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return;
        }

        foreach (var trigger in Triggers)
        {
            await db.Database.ExecuteSqlRawAsync(trigger, cancellationToken);
        }

        // A database filled before the triggers existed (or by a bulk load) is tallied once here.
        var registrations = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM Registrations").SingleAsync(cancellationToken);
        var tallied = await db.Database.SqlQueryRaw<long>($"SELECT COALESCE(SUM(Count), 0) AS Value FROM {Table}").SingleAsync(cancellationToken);
        if (registrations != tallied)
        {
            await RebuildAsync(db, cancellationToken);
        }
    }

    public static async Task RebuildAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {Table}", cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {Table} ({Key}, Count) SELECT {Key}, COUNT(*) FROM Registrations GROUP BY {Key}", cancellationToken);
    }

    internal static string[] DropTriggerStatements() =>
    [
        $"DROP TRIGGER IF EXISTS {Table}_Insert",
        $"DROP TRIGGER IF EXISTS {Table}_Delete",
        $"DROP TRIGGER IF EXISTS {Table}_Update",
    ];
}
