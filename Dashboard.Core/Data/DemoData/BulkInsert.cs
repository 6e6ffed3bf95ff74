using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Core.Data.DemoData;

/// <summary>
/// One prepared INSERT reused for every row, inside the caller's transaction: the fast path for big
/// demo and benchmark worlds (EF change tracking would take minutes for a million rows). NOT NULL
/// columns added to the table later by other features get a zero value so the seed keeps working.
/// On PostgreSQL each value is cast to its column's type (the loaders pass SQLite-shaped values: ints for
/// booleans, text for uuids) and rows go to the server in batches, one round trip per batch.
/// </summary>
internal sealed class BulkInsert : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _table;
    private readonly bool _givesIds;
    private readonly DbCommand? _command;
    private readonly DbParameter[] _parameters = [];
    private readonly string _commandText;
    private readonly BulkBatch? _batch;

    private BulkInsert(DbConnection connection, DbTransaction transaction, BulkBatch? batch, string table, string[] columns)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
        _givesIds = columns.Contains("Id", StringComparer.Ordinal);
        var postgres = connection is NpgsqlConnection;
        var extra = postgres ? RequiredColumnsNotGivenPostgres(connection, transaction, table, columns)
            : RequiredColumnsNotGiven((SqliteConnection)connection, (SqliteTransaction)transaction, table, columns);
        var all = columns.Concat(extra.Select(e => e.Name)).ToArray();
        var names = string.Join(", ", all.Select(c => $"\"{c}\""));
        if (postgres)
        {
            var types = ColumnTypesPostgres(connection, transaction, table);
            var values = string.Join(", ", columns.Select((c, i) => $"CAST(${i + 1} AS {types[c]})").Concat(extra.Select(e => e.Literal)));
            _commandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({values})";
            _batch = batch ?? throw new ArgumentNullException(nameof(batch), "PostgreSQL bulk inserts share one ordered batch.");
            return;
        }

        var command = ((SqliteConnection)connection).CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        var placeholders = string.Join(", ", columns.Select((_, i) => $"$p{i}").Concat(extra.Select(e => e.Literal)));
        _commandText = command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({placeholders})";
        _parameters = columns.Select(DbParameter (_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        _command = command;
    }

    /// <summary>
    /// An INSERT into <paramref name="table"/>. On PostgreSQL <paramref name="batch"/> is shared by every table of the
    /// load, so rows reach the server in the order they were added (a response never arrives before its registration).
    /// </summary>
    public static BulkInsert Create(DbConnection connection, DbTransaction transaction, BulkBatch? batch, string table, params string[] columns) =>
        new(connection, transaction, batch, table, columns);

    public void Add(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (_batch is not null)
        {
            var command = new NpgsqlBatchCommand(_commandText);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            _batch.Add(command);
            return;
        }

        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        _command!.ExecuteNonQuery();
    }

    /// <summary>
    /// Sends what is buffered; on PostgreSQL, also moves the table's identity past the ids given, so rows added
    /// later through EF do not collide with them.
    /// </summary>
    public void Complete()
    {
        if (_batch is null)
        {
            return;
        }

        _batch.Flush();
        if (_givesIds)
        {
            using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = $"""
                SELECT setval(pg_get_serial_sequence('"{_table}"', 'Id'), COALESCE((SELECT MAX("Id") FROM "{_table}"), 0) + 1, false)
                """;
            command.ExecuteScalar();
        }
    }

    public void Dispose() => _command?.Dispose();

    private static List<(string Name, string Literal)> RequiredColumnsNotGiven(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
    {
        using var info = connection.CreateCommand();
        info.Transaction = transaction;
        info.CommandText = $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')";
        using var reader = info.ExecuteReader();
        var result = new List<(string, string)>();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            var type = reader.GetString(1);
            var notNull = reader.GetInt64(2) == 1;
            var hasDefault = !reader.IsDBNull(3);
            var isKey = reader.GetInt64(4) > 0;
            if (notNull && !hasDefault && !isKey && !columns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                result.Add((name, type.Equals("TEXT", StringComparison.OrdinalIgnoreCase) ? "''" : "0"));
            }
        }

        return result;
    }

    private const string PostgresColumns = """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               a.atthasdef OR a.attidentity <> '', COALESCE(a.attnum = ANY (i.indkey), false)
        FROM pg_attribute a LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
        WHERE a.attrelid = CAST($1 AS regclass) AND a.attnum > 0 AND NOT a.attisdropped
        """;

    private static Dictionary<string, string> ColumnTypesPostgres(DbConnection connection, DbTransaction transaction, string table)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in ReadColumnsPostgres(connection, transaction, table))
        {
            types[column.Name] = column.Type;
        }

        return types;
    }

    private static List<(string Name, string Literal)> RequiredColumnsNotGivenPostgres(DbConnection connection, DbTransaction transaction, string table, string[] columns) =>
        ReadColumnsPostgres(connection, transaction, table)
            .Where(c => c.NotNull && !c.HasDefault && !c.IsKey && !columns.Contains(c.Name, StringComparer.OrdinalIgnoreCase))
            .Select(c => (c.Name, c.Type switch
            {
                "text" or "character varying" => "''",
                _ when c.Type.StartsWith("character", StringComparison.Ordinal) => "''",
                "boolean" => "false",
                "uuid" => "'00000000-0000-0000-0000-000000000000'",
                _ => "0",
            }))
            .ToList();

    private static List<(string Name, string Type, bool NotNull, bool HasDefault, bool IsKey)> ReadColumnsPostgres(
        DbConnection connection, DbTransaction transaction, string table)
    {
        using var info = new NpgsqlCommand(PostgresColumns, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        info.Parameters.Add(new NpgsqlParameter { Value = $"\"{table}\"" });
        using var reader = info.ExecuteReader();
        var result = new List<(string, string, bool, bool, bool)>();
        while (reader.Read())
        {
            result.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.GetBoolean(4)));
        }

        return result;
    }
}

/// <summary>INSERTs for PostgreSQL, sent in order, a few hundred per round trip.</summary>
internal sealed class BulkBatch(DbConnection connection, DbTransaction transaction) : IDisposable
{
    private const int Size = 500;

    private readonly NpgsqlBatch _batch = new((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);

    /// <summary>A batch when the connection is PostgreSQL's; null for SQLite (prepared statements, row by row).</summary>
    public static BulkBatch? For(DbConnection connection, DbTransaction transaction) =>
        connection is NpgsqlConnection ? new BulkBatch(connection, transaction) : null;

    public void Add(NpgsqlBatchCommand command)
    {
        _batch.BatchCommands.Add(command);
        if (_batch.BatchCommands.Count >= Size)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (_batch.BatchCommands.Count > 0)
        {
            _batch.ExecuteNonQuery();
            _batch.BatchCommands.Clear();
        }
    }

    public void Dispose() => _batch.Dispose();
}
