using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dashboard.Bench;

/// <summary>
/// Reshapes a freshly seeded demo world so that exactly <c>proctored</c> sittings are under proctoring, all of them in
/// Acme Learning (the account the grid is measured on): the worst case for the reviewer's grid at that total. The
/// demo world's own proctored sittings (profile, status, incidents) are kept where possible, picked by a hash of the
/// id so they spread over the whole history; the others lose their proctoring and incidents.
/// </summary>
internal static class ProctoringWorld
{
    public const string AccountName = "Acme Learning";

    public static Func<BenchDatabase, Task> Shape(int proctored) => database => ShapeAsync(database, proctored);

    private static async Task ShapeAsync(BenchDatabase database, int proctored)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var account = Convert.ToInt32(await ScalarAsync(connection, transaction, $"SELECT Id FROM Accounts WHERE Name = '{AccountName}'"),
            CultureInfo.InvariantCulture);
        // Knuth's multiplicative hash: a deterministic, well spread choice of ids.
        const string spread = "ORDER BY (Id * 2654435761) % 4294967296";
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TEMP TABLE Keep (Id INTEGER PRIMARY KEY);
            INSERT INTO Keep SELECT Id FROM Registrations
                WHERE AccountId = {account} AND ProctoringProfile <> 0 AND ProctoringStatus <> 0 {spread} LIMIT {proctored};
            UPDATE Registrations SET ProctoringProfile = 0, ProctoringStatus = 0, IncidentCount = 0
                WHERE ProctoringProfile <> 0 AND Id NOT IN (SELECT Id FROM Keep);
            DELETE FROM ProctoringIncidents WHERE RegistrationId NOT IN (SELECT Id FROM Keep);
            """);
        await ExecuteAsync(connection, transaction, sql);
        var kept = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM Keep"), CultureInfo.InvariantCulture);
        if (kept < proctored)
        {
            // Too few in the demo world: more sat sittings become proctored (no incidents), profile and status from the id.
            await ExecuteAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"""
                UPDATE Registrations SET ProctoringProfile = 1 + (Id % 7), ProctoringStatus = 1 + (Id % 6)
                WHERE Id IN (SELECT Id FROM Registrations WHERE AccountId = {account} AND ProctoringProfile = 0 AND StartedAt IS NOT NULL
                    {spread} LIMIT {proctored - kept});
                """));
        }

        await ExecuteAsync(connection, transaction, "DROP TABLE Keep");
        await transaction.CommitAsync();
        Console.WriteLine($"  shaped: {proctored:N0} proctored sittings in {AccountName} ({kept:N0} from the demo world) in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
