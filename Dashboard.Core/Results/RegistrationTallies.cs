using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Dashboard.Core.Results;

/// <summary>
/// The triggers that keep <see cref="RegistrationTally"/> in step with Registrations: SQL triggers on SQLite, one
/// PL/pgSQL row trigger on PostgreSQL (a moved row takes its two tally rows in key order, so two concurrent moves
/// in opposite directions cannot deadlock).
/// </summary>
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

    private const string PostgresKey = "\"AccountId\", \"GroupId\", \"SubjectId\", \"Status\", \"TestType\"";

    private static string PostgresAdd(string row, int delta) => $"""
        INSERT INTO "{Table}" ({PostgresKey}, "Count")
          VALUES ({row}."AccountId", {row}."GroupId", {row}."SubjectId", {row}."Status", {row}."TestType", {delta})
          ON CONFLICT ({PostgresKey}) DO UPDATE SET "Count" = "{Table}"."Count" + ({delta});
        """;

    private static readonly string[] PostgresTriggers =
    [
        $"""
        CREATE OR REPLACE FUNCTION "{Table}_Apply"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            {PostgresAdd("NEW", 1)}
          ELSIF TG_OP = 'DELETE' THEN
            {PostgresAdd("OLD", -1)}
          ELSIF ROW(OLD."AccountId", OLD."GroupId", OLD."SubjectId", OLD."Status", OLD."TestType")
              IS DISTINCT FROM ROW(NEW."AccountId", NEW."GroupId", NEW."SubjectId", NEW."Status", NEW."TestType") THEN
            IF ROW(OLD."AccountId", OLD."GroupId", OLD."SubjectId", OLD."Status", OLD."TestType")
                < ROW(NEW."AccountId", NEW."GroupId", NEW."SubjectId", NEW."Status", NEW."TestType") THEN
              {PostgresAdd("OLD", -1)}
              {PostgresAdd("NEW", 1)}
            ELSE
              {PostgresAdd("NEW", 1)}
              {PostgresAdd("OLD", -1)}
            END IF;
          END IF;
          RETURN NULL;
        END $$
        """,
        $"""
        CREATE OR REPLACE TRIGGER "{Table}_Change" AFTER INSERT OR DELETE OR UPDATE OF {PostgresKey}
          ON "Registrations" FOR EACH ROW EXECUTE FUNCTION "{Table}_Apply"()
        """,
    ];

    public static async Task EnsureCreatedAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var trigger in db.Database.IsNpgsql() ? PostgresTriggers : Triggers)
        {
            await db.Database.ExecuteSqlRawAsync(trigger, cancellationToken);
        }

        // A database filled before the triggers existed (or by a bulk load) is tallied once here.
        var registrations = await db.Database.SqlQueryRaw<long>("""SELECT COUNT(*) AS "Value" FROM "Registrations" """).SingleAsync(cancellationToken);
        var tallied = await db.Database.SqlQueryRaw<long>($"""SELECT COALESCE(SUM("Count"), 0) AS "Value" FROM "{Table}" """)
            .SingleAsync(cancellationToken);
        if (registrations != tallied)
        {
            await RebuildAsync(db, cancellationToken);
        }
    }

    public static async Task RebuildAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"""DELETE FROM "{Table}" """, cancellationToken);
            await db.Database.ExecuteSqlRawAsync(
                $"""INSERT INTO "{Table}" ({PostgresKey}, "Count") SELECT {PostgresKey}, COUNT(*) FROM "Registrations" GROUP BY {PostgresKey}""",
                cancellationToken);
            return;
        }

        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {Table}", cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {Table} ({Key}, Count) SELECT {Key}, COUNT(*) FROM Registrations GROUP BY {Key}", cancellationToken);
    }

    internal static string[] DropTriggerStatements(DatabaseFacade database) => database.IsNpgsql()
        ? [$"""DROP TRIGGER IF EXISTS "{Table}_Change" ON "Registrations" """]
        : DropTriggerStatements();

    internal static string[] DropTriggerStatements() =>
    [
        $"DROP TRIGGER IF EXISTS {Table}_Insert",
        $"DROP TRIGGER IF EXISTS {Table}_Delete",
        $"DROP TRIGGER IF EXISTS {Table}_Update",
    ];
}
