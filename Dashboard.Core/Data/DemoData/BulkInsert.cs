using Microsoft.Data.Sqlite;

namespace Dashboard.Core.Data.DemoData;

/// <summary>
/// One prepared INSERT reused for every row, inside the caller's transaction: the fast path for big
/// demo and benchmark worlds (EF change tracking would take minutes for a million rows). NOT NULL
/// columns added to the table later by other features get a zero value so the seed keeps working.
/// </summary>
internal sealed class BulkInsert : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    private BulkInsert(SqliteCommand command, SqliteParameter[] parameters)
    {
        _command = command;
        _parameters = parameters;
    }

    public static BulkInsert Create(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var extra = RequiredColumnsNotGiven(connection, transaction, table, columns);
        var all = columns.Concat(extra.Select(e => e.Name)).ToArray();
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = string.Join(", ", all.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select((_, i) => $"$p{i}").Concat(extra.Select(e => e.Literal)));
        command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({values})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        return new BulkInsert(command, parameters);
    }

    public void Add(params object?[] values)
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = values[i] ?? DBNull.Value;
        }

        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();

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
}
