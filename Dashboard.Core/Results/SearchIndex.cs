using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Results;

/// <summary>
/// The trigram full-text index behind the grid's search (FTS5 on SQLite): one row per registration,
/// rowid = registration id, with the candidate's names and email and the subject's name. The trigram
/// tokenizer with remove_diacritics matches any substring of 3+ characters regardless of case and
/// accents ("benoit" finds "Benoît"). Contentless (the text lives in Candidates/Subjects) with
/// contentless_delete so triggers can remove and replace rows: the index stays small and in step.
/// </summary>
public static class SearchIndex
{
    public const string Table = "RegistrationSearch";

    private const string Columns = "LastName, FirstName, Email, SubjectName";

    private const string SelectRows = """
        SELECT r.Id, c.LastName, c.FirstName, c.Email, s.Name
        FROM Registrations r JOIN Candidates c ON c.Id = r.CandidateId JOIN Subjects s ON s.Id = r.SubjectId
        """;

    private static readonly string[] Triggers =
    [
        $"""
        CREATE TRIGGER IF NOT EXISTS {Table}_RegistrationInsert AFTER INSERT ON Registrations BEGIN
          INSERT INTO {Table}(rowid, {Columns})
          SELECT new.Id, c.LastName, c.FirstName, c.Email, s.Name FROM Candidates c, Subjects s
          WHERE c.Id = new.CandidateId AND s.Id = new.SubjectId;
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS {Table}_RegistrationDelete AFTER DELETE ON Registrations BEGIN
          DELETE FROM {Table} WHERE rowid = old.Id;
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS {Table}_RegistrationUpdate AFTER UPDATE OF CandidateId, SubjectId ON Registrations BEGIN
          DELETE FROM {Table} WHERE rowid = old.Id;
          INSERT INTO {Table}(rowid, {Columns})
          SELECT new.Id, c.LastName, c.FirstName, c.Email, s.Name FROM Candidates c, Subjects s
          WHERE c.Id = new.CandidateId AND s.Id = new.SubjectId;
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS {Table}_CandidateUpdate AFTER UPDATE OF LastName, FirstName, Email ON Candidates BEGIN
          DELETE FROM {Table} WHERE rowid IN (SELECT Id FROM Registrations WHERE CandidateId = new.Id);
          INSERT INTO {Table}(rowid, {Columns})
          {SelectRows} WHERE r.CandidateId = new.Id;
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS {Table}_SubjectUpdate AFTER UPDATE OF Name ON Subjects BEGIN
          DELETE FROM {Table} WHERE rowid IN (SELECT Id FROM Registrations WHERE SubjectId = new.Id);
          INSERT INTO {Table}(rowid, {Columns})
          {SelectRows} WHERE r.SubjectId = new.Id;
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

        var exists = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'table' AND name = {Table}")
            .SingleAsync(cancellationToken) > 0;
        if (!exists)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"CREATE VIRTUAL TABLE {Table} USING fts5({Columns}, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1')",
                cancellationToken);
            await RebuildAsync(db, cancellationToken);
        }

        foreach (var trigger in Triggers)
        {
            await db.Database.ExecuteSqlRawAsync(trigger, cancellationToken);
        }
    }

    /// <summary>Refills the index from the registrations (after a bulk load done without the triggers).</summary>
    public static async Task RebuildAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {Table}", cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"INSERT INTO {Table}(rowid, {Columns}) {SelectRows}", cancellationToken);
    }

    /// <summary>Drops the triggers, for a bulk load followed by <see cref="RebuildAsync"/> and <see cref="EnsureCreatedAsync"/>.</summary>
    internal static string[] DropTriggerStatements() =>
    [
        $"DROP TRIGGER IF EXISTS {Table}_RegistrationInsert",
        $"DROP TRIGGER IF EXISTS {Table}_RegistrationDelete",
        $"DROP TRIGGER IF EXISTS {Table}_RegistrationUpdate",
        $"DROP TRIGGER IF EXISTS {Table}_CandidateUpdate",
        $"DROP TRIGGER IF EXISTS {Table}_SubjectUpdate",
    ];

    /// <summary>
    /// An FTS5 query that matches every term as plain text: each term becomes an FTS string
    /// ("..." with inner quotes doubled), so operators such as AND, NEAR( or * are just characters.
    /// </summary>
    public static string MatchExpression(IEnumerable<string> terms) =>
        string.Join(" AND ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
