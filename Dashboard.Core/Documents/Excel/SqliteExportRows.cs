using System.Collections.Concurrent;
using System.Data.Common;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace Dashboard.Core.Documents.Excel;

/// <summary>
/// The export's rows read from SQLite below ADO.NET. Reading values through <c>SqliteDataReader</c> cost three times
/// what stepping the rows costs (docs/bench-results.md, session 5), so the SQL EF generates for the grid's filter, sort
/// and account (<see cref="Results.ResultsQuery.SortedAsync"/>, narrowed to the export's own columns) is run on the
/// connection's handle with SQLitePCL's statement API: numbers are read as integers, texts as the database's UTF-8
/// bytes, which the writer escapes straight into the sheet. Group, test, session and grader names come from lookups
/// loaded once (only those the account's rows use), not from a join per row. PostgreSQL keeps the general path.
/// </summary>
internal sealed class SqliteExportRows
{
    private const int BusyTimeoutMilliseconds = 30_000;

    /// <summary>EF's own decoding of the stored <see cref="DateTimeOffset"/>s (the model's converter), compiled once.</summary>
    private static readonly Func<long, DateTimeOffset> FromBinary = new DateTimeOffsetToBinaryConverter().ConvertFromProviderExpression.Compile();

    /// <summary>The prefixes SQLite's named parameters may carry, tried when EF's name comes without one.</summary>
    private static readonly string[] Prefixes = ["@", "$", ":"];

    private readonly SqliteConnection _connection;
    private readonly string _sql;
    private readonly List<(string Name, object? Value)> _parameters;
    private readonly ConcurrentBag<ExportBatch> _free = [];

    private SqliteExportRows(SqliteConnection connection, DbCommand command, Lookups names)
    {
        _connection = connection;
        _sql = command.CommandText;
        _parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
        Names = names;
    }

    public Lookups Names { get; }

    /// <summary>The statement's SQL (EF's), for the bench to show.</summary>
    public string Sql => _sql;

    /// <summary>Names by id. A registration whose group or test is not here is one EF's inner joins would drop.</summary>
    public sealed record Lookups(Dictionary<int, string> Groups, Dictionary<int, string> Subjects, Dictionary<int, string> Sessions,
        Dictionary<int, string> Graders);

    /// <summary>Opens <paramref name="db"/>'s connection (kept open for <see cref="Read"/>) and loads the names.</summary>
    public static async Task<SqliteExportRows> OpenAsync(DashboardDbContext db, IQueryable<Registration> sorted, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var names = new Lookups(
            await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken),
            await db.Subjects.AsNoTracking().Where(s => db.Registrations.Any(r => r.SubjectId == s.Id))
                .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken),
            await db.TestSessions.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken),
            await db.Users.AsNoTracking().Where(a => db.Registrations.Any(r => r.GraderId == a.Id))
                .ToDictionaryAsync(a => a.Id, a => a.DisplayName, cancellationToken));
        using var command = sorted.Select(r => new
        {
            r.Id, r.GroupId, r.SubjectId, r.TestType, r.Status, r.Level, r.GraderId, r.SessionId, r.ProctoringProfile, r.ProctoringStatus,
            r.IncidentCount, r.RegisteredAt, r.StartedAt, r.CompletedAt, r.DurationSeconds, r.Score,
            r.Candidate!.LastName, r.Candidate.FirstName, ExternalId = r.ExternalId ?? r.Candidate.ExternalId, r.Candidate.Email, r.AdminComment,
        }).CreateDbCommand();
        return new SqliteExportRows((SqliteConnection)db.Database.GetDbConnection(), command, names);
    }

    public static DateTimeOffset Date(long stored) => FromBinary(stored);

    /// <summary>A batch back from the writer, for the reader to fill again.</summary>
    public void Return(ExportBatch batch) => _free.Add(batch);

    /// <summary>Steps every row, handing each full batch to <paramref name="handOver"/> (on this thread: it may block).</summary>
    public void Read(Action<ExportBatch> handOver, CancellationToken cancellationToken)
    {
        var handle = _connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(handle, raw.sqlite3_prepare_v2(handle, _sql, out var statement));
        using (statement)
        {
            Bind(handle, statement);
            var (numbers, score, texts) = Columns(statement);
            var pointer = statement.DangerousGetHandle();
            var batch = Rent();
            int rc;
            var waited = 0;
            while ((rc = SqliteColumns.Step(pointer)) != raw.SQLITE_DONE)
            {
                if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && waited < BusyTimeoutMilliseconds)
                {
                    // As SqliteCommand does: another connection holds a lock for a moment; the same step is tried again.
                    Thread.Sleep(10);
                    waited += 10;
                    continue;
                }

                if (rc != raw.SQLITE_ROW)
                {
                    Check(handle, rc);
                }

                var row = batch.BeginRow();
                for (var i = 0; i < numbers.Length; i++)
                {
                    var at = numbers[i];
                    row[i] = ExportBatch.Nullable[i] && SqliteColumns.Type(pointer, at) == raw.SQLITE_NULL ? ExportBatch.Null : SqliteColumns.Int64(pointer, at);
                }

                for (var i = 0; i < texts.Length; i++)
                {
                    batch.AddText(i, SqliteColumns.Utf8(pointer, texts[i]));
                }

                batch.EndRow(SqliteColumns.Type(pointer, score) == raw.SQLITE_NULL ? double.NaN : SqliteColumns.Double(pointer, score));
                if (batch.IsFull)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    handOver(batch);
                    batch = Rent();
                }
            }

            if (batch.Count > 0)
            {
                handOver(batch);
            }
        }
    }

    private ExportBatch Rent()
    {
        if (!_free.TryTake(out var batch))
        {
            return new ExportBatch();
        }

        batch.Clear();
        return batch;
    }

    /// <summary>EF's parameters (the account, the filter's values) bound by name; any other type is a mistake here, not a guess.</summary>
    private void Bind(sqlite3 handle, sqlite3_stmt statement)
    {
        foreach (var (name, value) in _parameters)
        {
            var index = raw.sqlite3_bind_parameter_index(statement, name);
            if (index == 0)
            {
                index = Prefixes.Select(prefix => raw.sqlite3_bind_parameter_index(statement, prefix + name)).FirstOrDefault(i => i > 0);
            }

            if (index == 0)
            {
                continue; // EF passes parameters the SQL does not use (e.g. folded into a constant)
            }

            Check(handle, value switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, index),
                string text => raw.sqlite3_bind_text(statement, index, text),
                bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
                byte or sbyte or short or ushort or int or uint or long or Enum => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
                double or float or decimal => raw.sqlite3_bind_double(statement, index, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
                byte[] blob => raw.sqlite3_bind_blob(statement, index, blob),
                _ => throw new NotSupportedException($"The export cannot bind a {value.GetType().Name} parameter ({name})."),
            });
        }
    }

    /// <summary>The result's column positions by name: EF chooses the order of the SELECT list, the names are the projection's.</summary>
    private static (int[] Numbers, int Score, int[] Texts) Columns(sqlite3_stmt statement)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = raw.sqlite3_column_count(statement) - 1; i >= 0; i--)
        {
            positions[raw.sqlite3_column_name(statement, i).utf8_to_string()] = i;
        }

        int At(string name) => positions.TryGetValue(name, out var at) ? at
            : throw new InvalidOperationException($"The export's SQL has no column {name}: {string.Join(", ", positions.Keys)}.");
        return ([.. ExportBatch.NumberColumns.Select(At)], At("Score"), [.. ExportBatch.TextColumns.Select(At)]);
    }

    private static void Check(sqlite3 handle, int rc)
    {
        if (rc is not raw.SQLITE_OK and not raw.SQLITE_ROW and not raw.SQLITE_DONE)
        {
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc);
        }
    }
}
