using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Dashboard.Core.Results;

/// <summary>
/// The trigram full-text index behind the grid's search (FTS5 on SQLite): one row per registration,
/// rowid = registration id, with the candidate's names and email. (Test names are matched against the
/// small subject catalogue instead: a term such as "excel" would otherwise hit a fifth of all rows.) The trigram
/// tokenizer with remove_diacritics matches any substring of 3+ characters regardless of case and
/// accents ("benoit" finds "Benoît"). Contentless (the text lives in Candidates/Subjects) with
/// contentless_delete so triggers can remove and replace rows: the index stays small and in step.
/// On PostgreSQL the same search is a table of candidates' folded text ("last first email", lower case, no
/// accents by <c>unaccent</c>) under a <c>pg_trgm</c> GIN index, kept by a trigger on Candidates and queried with
/// <c>LIKE '%term%'</c> (see <see cref="MatchingRegistrationIds"/>).
/// </summary>
public static class SearchIndex
{
    public const string Table = "RegistrationSearch";

    private const string Columns = "LastName, FirstName, Email";

    private const string Definition =
        $"CREATE VIRTUAL TABLE {Table} USING fts5({Columns}, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1')";

    private const string SelectRows = """
        SELECT r.Id, c.LastName, c.FirstName, c.Email
        FROM Registrations r JOIN Candidates c ON c.Id = r.CandidateId
        """;

    private static readonly string[] Triggers =
    [
        $"""
        CREATE TRIGGER IF NOT EXISTS {Table}_RegistrationInsert AFTER INSERT ON Registrations BEGIN
          INSERT INTO {Table}(rowid, {Columns})
          SELECT new.Id, c.LastName, c.FirstName, c.Email FROM Candidates c WHERE c.Id = new.CandidateId;
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS {Table}_RegistrationDelete AFTER DELETE ON Registrations BEGIN
          DELETE FROM {Table} WHERE rowid = old.Id;
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS {Table}_RegistrationUpdate AFTER UPDATE OF CandidateId ON Registrations BEGIN
          DELETE FROM {Table} WHERE rowid = old.Id;
          INSERT INTO {Table}(rowid, {Columns})
          SELECT new.Id, c.LastName, c.FirstName, c.Email FROM Candidates c WHERE c.Id = new.CandidateId;
        END
        """,
        $"""
        CREATE TRIGGER IF NOT EXISTS {Table}_CandidateUpdate AFTER UPDATE OF LastName, FirstName, Email ON Candidates BEGIN
          DELETE FROM {Table} WHERE rowid IN (SELECT Id FROM Registrations WHERE CandidateId = new.Id);
          INSERT INTO {Table}(rowid, {Columns})
          {SelectRows} WHERE r.CandidateId = new.Id;
        END
        """,
    ];

    public const string PostgresTable = "CandidateSearch";

    /// <summary>The folded text of a candidate row (lower() under the database's own locale: "C" would only fold ASCII).</summary>
    private static string PostgresFold(string row) =>
        $"""lower(unaccent({row}."LastName" || ' ' || {row}."FirstName" || ' ' || {row}."Email") COLLATE "default")""";

    private static readonly string PostgresRebuild =
        $"""INSERT INTO "{PostgresTable}" ("CandidateId", "Folded") SELECT c."Id", {PostgresFold("c")} FROM "Candidates" c""";

    private static readonly string[] PostgresDefinition =
    [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        $"""
        CREATE TABLE IF NOT EXISTS "{PostgresTable}" (
          "CandidateId" integer PRIMARY KEY REFERENCES "Candidates" ("Id") ON DELETE CASCADE,
          "Folded" text NOT NULL)
        """,
        $"""CREATE INDEX IF NOT EXISTS "IX_{PostgresTable}_Folded" ON "{PostgresTable}" USING gin ("Folded" gin_trgm_ops)""",
        $"""
        CREATE OR REPLACE FUNCTION "{PostgresTable}_Refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO "{PostgresTable}" ("CandidateId", "Folded")
          VALUES (NEW."Id", {PostgresFold("NEW")})
          ON CONFLICT ("CandidateId") DO UPDATE SET "Folded" = EXCLUDED."Folded";
          RETURN NULL;
        END $$
        """,
    ];

    private const string PostgresTrigger = $"""
        CREATE OR REPLACE TRIGGER "{PostgresTable}_Change" AFTER INSERT OR UPDATE OF "LastName", "FirstName", "Email"
          ON "Candidates" FOR EACH ROW EXECUTE FUNCTION "{PostgresTable}_Refresh"()
        """;

    public static async Task EnsureCreatedAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await EnsureCreatedOnPostgresAsync(db, cancellationToken);
            return;
        }

        var existing = await db.Database
            .SqlQuery<string>($"SELECT sql AS Value FROM sqlite_master WHERE type = 'table' AND name = {Table}")
            .ToListAsync(cancellationToken);
        if (existing.Count == 0 || existing[0] != Definition)
        {
            // Created, or recreated when an older definition is found (then its triggers go too).
            foreach (var statement in DropTriggerStatements())
            {
                await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
            }

            await db.Database.ExecuteSqlRawAsync($"DROP TABLE IF EXISTS {Table}", cancellationToken);
            await db.Database.ExecuteSqlRawAsync(Definition, cancellationToken);
            await RebuildAsync(db, cancellationToken);
        }

        foreach (var trigger in Triggers)
        {
            await db.Database.ExecuteSqlRawAsync(trigger, cancellationToken);
        }
    }

    private static async Task EnsureCreatedOnPostgresAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        foreach (var statement in PostgresDefinition)
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }

        var missing = await db.Database.SqlQueryRaw<bool>(
            $"""SELECT EXISTS (SELECT 1 FROM "Candidates" c WHERE NOT EXISTS (SELECT 1 FROM "{PostgresTable}" s WHERE s."CandidateId" = c."Id")) AS "Value" """)
            .SingleAsync(cancellationToken);
        if (missing)
        {
            await RebuildAsync(db, cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync(PostgresTrigger, cancellationToken);
    }

    /// <summary>Refills the index from the registrations (after a bulk load done without the triggers).</summary>
    public static async Task RebuildAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"""DELETE FROM "{PostgresTable}" """, cancellationToken);
            await db.Database.ExecuteSqlRawAsync(PostgresRebuild, cancellationToken);
            return;
        }

        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {Table}", cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"INSERT INTO {Table}(rowid, {Columns}) {SelectRows}", cancellationToken);
    }

    /// <summary>Drops the triggers, for a bulk load followed by <see cref="RebuildAsync"/> and <see cref="EnsureCreatedAsync"/>.</summary>
    internal static string[] DropTriggerStatements(DatabaseFacade database) => database.IsNpgsql()
        ? [$"""DROP TRIGGER IF EXISTS "{PostgresTable}_Change" ON "Candidates" """]
        : DropTriggerStatements();

    internal static string[] DropTriggerStatements() =>
    [
        $"DROP TRIGGER IF EXISTS {Table}_RegistrationInsert",
        $"DROP TRIGGER IF EXISTS {Table}_RegistrationDelete",
        $"DROP TRIGGER IF EXISTS {Table}_RegistrationUpdate",
        $"DROP TRIGGER IF EXISTS {Table}_CandidateUpdate",
        $"DROP TRIGGER IF EXISTS {Table}_SubjectUpdate",
    ];

    /// <summary>
    /// Registration ids whose candidate's names or email contain every term (terms are already folded; PostgreSQL
    /// folds them once more with the index's own <c>unaccent</c> so both sides agree on every letter). With
    /// <paramref name="range"/>, only ids in it (an exact count carrying on from the matches already read, <see cref="SearchProbe"/>).
    /// </summary>
    internal static IQueryable<int> MatchingRegistrationIds(DashboardDbContext db, IReadOnlyList<string> terms, IdRange? range = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(terms);
        if (db.Database.IsNpgsql())
        {
            var conditions = string.Join(" AND ", terms.Select((_, i) =>
                $$"""s."Folded" LIKE '%' || lower(unaccent({{{i}}}) COLLATE "default") || '%'"""));
            var parameters = terms.Select(t => (object)EscapeLike(t)).ToList();
            var within = "";
            if (range is { } r)
            {
                within = $$"""r."Id" >= {{{parameters.Count}}} AND r."Id" <= {{{parameters.Count + 1}}} AND """;
                parameters.Add(r.First);
                parameters.Add(r.Last);
            }

            // Only numbered placeholders are spliced in; the terms travel as parameters.
            var sql = $"""SELECT r."Id" AS "Value" FROM "Registrations" r WHERE {within}r."CandidateId" IN (SELECT s."CandidateId" FROM "{PostgresTable}" s WHERE {conditions})""";
            return db.Database.SqlQueryRaw<int>(sql, [.. parameters]);
        }

        var match = MatchExpression(terms);
        return range is { } bounds
            ? db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM RegistrationSearch WHERE RegistrationSearch MATCH {match} AND rowid >= {bounds.First} AND rowid <= {bounds.Last}")
            : db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM RegistrationSearch WHERE RegistrationSearch MATCH {match}");
    }

    /// <summary>
    /// SQLite: registration ids whose candidate's names or email contain every term, in Id order, read lazily along the
    /// index (FTS5 walks its doclists by rowid, so the first ids cost only what they read). The order is the raw SQL's
    /// own: EF's ORDER BY over a raw scalar column wraps it in a CAST, which SQLite cannot serve from the index, so the
    /// caller takes the first ids without ordering again (SQLite keeps a subquery's ORDER BY when it flattens it).
    /// </summary>
    internal static IQueryable<int> MatchesInIdOrder(DashboardDbContext db, IReadOnlyList<string> terms, bool descending)
    {
        var match = MatchExpression(terms);
        return descending
            ? db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM RegistrationSearch WHERE RegistrationSearch MATCH {match} ORDER BY rowid DESC")
            : db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM RegistrationSearch WHERE RegistrationSearch MATCH {match} ORDER BY rowid");
    }

    /// <summary>A term as literal LIKE text: %, _ and the escape character itself lose their meaning.</summary>
    internal static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>
    /// An FTS5 query that matches every term as plain text: each term becomes an FTS string
    /// ("..." with inner quotes doubled), so operators such as AND, NEAR( or * are just characters.
    /// </summary>
    public static string MatchExpression(IEnumerable<string> terms) =>
        string.Join(" AND ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
}
