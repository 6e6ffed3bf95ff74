using System.Collections.Concurrent;
using Dashboard.Core.Accounts;
using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;

namespace Dashboard.Core.Documents.Excel;

/// <summary>
/// The Results export: grid rows in, one workbook out. Reading (SQLite, EF materialisation) runs on one thread and
/// formatting + XML + deflate on another, joined by a bounded hand-over of row batches: the two overlap on two cores
/// while memory stays flat, and a batch costs one hand-over instead of one per row.
/// </summary>
internal sealed class ResultsExport(DocumentText text, AccountCalendar calendar)
{
    private const int BatchSize = 512;

    /// <summary>At most this many batches wait for the writer (about 8,000 rows).</summary>
    private const int BatchesInFlight = 16;

    private readonly Dictionary<TestType, string> _testTypes = [];
    private readonly Dictionary<RegistrationStatus, string> _statuses = [];
    private readonly Dictionary<ScoreLevel, string> _levels = [];
    private readonly Dictionary<ProctoringProfile, string> _proctoring = [];
    private readonly Dictionary<ProctoringStatus, string> _integrity = [];
    private readonly Dictionary<long, long> _offsets = [];

    public XlsxColumn[] Columns =>
    [
        new(text["Col.Id"], 9), new(text["Col.Group"], 22), new(text["Col.LastName"], 20), new(text["Col.FirstName"], 18),
        new(text["Col.Test"], 22), new(text["Col.TestType"], 14), new(text["Col.Status"], 16), new(text["Col.Score"], 9),
        new(text["Col.Level"], 13), new(text["Col.Grader"], 18), new(text["Col.Session"], 20), new(text["Col.Proctoring"], 18),
        new(text["Col.Integrity"], 18), new(text["Col.Incidents"], 10), new(text["Col.ExternalId"], 18), new(text["Col.Email"], 30),
        new(text["Col.Comment"], 40), new(text.TimesHeader("Col.Registered"), 17, XlsxFormat.DateTime), new(text.TimesHeader("Col.Started"), 17, XlsxFormat.DateTime),
        new(text.TimesHeader("Col.Completed"), 17, XlsxFormat.DateTime), new(text["Col.DurationMinutes"], 13, XlsxFormat.OneDecimal),
    ];

    /// <summary>
    /// Writes <paramref name="rows"/> into <paramref name="output"/>, which receives synchronous writes (a file or
    /// memory stream, not an HTTP response body).
    /// </summary>
    public Task WriteAsync(IAsyncEnumerable<ResultRow> rows, Stream output, CancellationToken cancellationToken) =>
        OverlapAsync<ResultRow[]>(async handOver =>
        {
            var batch = new List<ResultRow>(BatchSize);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                batch.Add(row);
                if (batch.Count == BatchSize)
                {
                    handOver([.. batch]);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                handOver([.. batch]);
            }
        }, (sheet, batch) =>
        {
            foreach (var row in batch)
            {
                Write(sheet, row);
            }
        }, output, cancellationToken);

    /// <summary>The same workbook from rows read below ADO.NET on SQLite (<see cref="SqliteExportRows"/>).</summary>
    public Task WriteAsync(SqliteExportRows rows, Stream output, CancellationToken cancellationToken) =>
        OverlapAsync<ExportBatch>(handOver =>
        {
            rows.Read(handOver, cancellationToken);
            return Task.CompletedTask;
        }, (sheet, batch) =>
        {
            for (var i = 0; i < batch.Count; i++)
            {
                Write(sheet, rows.Names, batch, i);
            }

            rows.Return(batch);
        }, output, cancellationToken);

    /// <summary>The reader fills batches on one thread while the writer formats, escapes and deflates on another.</summary>
    private async Task OverlapAsync<TBatch>(Func<Action<TBatch>, Task> read, Action<XlsxWriter, TBatch> write, Stream output,
        CancellationToken cancellationToken)
    {
        using var handOver = new BlockingCollection<TBatch>(boundedCapacity: BatchesInFlight);
        var reader = Task.Run(async () =>
        {
            try
            {
                await read(batch => handOver.Add(batch, cancellationToken));
            }
            finally
            {
                handOver.CompleteAdding();
            }
        }, cancellationToken);

        try
        {
            await Task.Run(() =>
            {
                using var sheet = new XlsxWriter(output, text["ResultsSheet"], Columns);
                foreach (var batch in handOver.GetConsumingEnumerable(cancellationToken))
                {
                    write(sheet, batch);
                }

                // An early end of the rows is the reader's failure: the reader's exception is thrown below, not a short file.
                if (!reader.IsFaulted)
                {
                    sheet.Complete();
                }
            }, cancellationToken);
        }
        finally
        {
            // A failed read surfaces here (the writer only saw the rows end early); a failed write leaves the reader to drain.
            while (!reader.IsCompleted && handOver.TryTake(out _, 50, CancellationToken.None))
            {
            }

            await reader;
        }
    }

    /// <summary>One grid row as the export's 21 cells: the grid's visible columns, then the extra information.</summary>
    public void Write(XlsxWriter sheet, ResultRow r)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(r);
        var completed = r.Status == RegistrationStatus.Completed;
        sheet.BeginRow();
        sheet.Number(r.Id);
        sheet.Text(r.GroupName);
        sheet.Text(r.LastName);
        sheet.Text(r.FirstName);
        sheet.Text(r.SubjectName);
        sheet.RepeatedText(Label(_testTypes, r.TestType, text.TestType));
        sheet.RepeatedText(Label(_statuses, r.Status, text.Status));
        sheet.Number(completed ? r.Score : null);
        sheet.RepeatedText(completed && r.Level is { } level ? Label(_levels, level, l => text.Level(l)) : null);
        sheet.Text(r.GraderName);
        sheet.Text(r.SessionName);
        sheet.RepeatedText(Label(_proctoring, r.ProctoringProfile, text.Proctoring));
        sheet.RepeatedText(Label(_integrity, r.ProctoringStatus, text.Integrity));
        sheet.Number(r.IncidentCount);
        sheet.Text(r.ExternalId);
        sheet.Text(r.Email);
        sheet.Text(r.AdminComment);
        sheet.Date(LocalClock(r.RegisteredAt));
        sheet.Date(r.StartedAt is { } started ? LocalClock(started) : null);
        sheet.Date(r.CompletedAt is { } done ? LocalClock(done) : null);
        sheet.Number(r.DurationSeconds is { } seconds ? Math.Round(seconds / 60.0, 1) : null);
        sheet.EndRow();
    }

    /// <summary>
    /// <see cref="Write(XlsxWriter, ResultRow)"/> for row <paramref name="i"/> of a batch read below ADO.NET: the same
    /// 21 cells, texts written from their UTF-8 bytes. A row whose group or test the lookups lack is skipped, as EF's
    /// inner joins drop it from the grid.
    /// </summary>
    internal void Write(XlsxWriter sheet, SqliteExportRows.Lookups names, ExportBatch batch, int i)
    {
        var n = batch.Numbers(i);
        if (!names.Groups.TryGetValue((int)n[ExportBatch.GroupId], out var group) || !names.Subjects.TryGetValue((int)n[ExportBatch.SubjectId], out var subject))
        {
            return;
        }

        var status = (RegistrationStatus)n[ExportBatch.Status];
        var completed = status == RegistrationStatus.Completed;
        sheet.BeginRow();
        sheet.Number((int)n[ExportBatch.Id]);
        sheet.RepeatedText(group);
        sheet.Text(batch.Text(i, ExportBatch.LastName));
        sheet.Text(batch.Text(i, ExportBatch.FirstName));
        sheet.RepeatedText(subject);
        sheet.RepeatedText(Label(_testTypes, (TestType)n[ExportBatch.TestType], text.TestType));
        sheet.RepeatedText(Label(_statuses, status, text.Status));
        sheet.Number(completed ? batch.Score(i) : null);
        sheet.RepeatedText(completed && n[ExportBatch.Level] != ExportBatch.Null ? Label(_levels, (ScoreLevel)n[ExportBatch.Level], l => text.Level(l)) : null);
        sheet.RepeatedText(Name(names.Graders, n[ExportBatch.GraderId]));
        sheet.RepeatedText(Name(names.Sessions, n[ExportBatch.SessionId]));
        sheet.RepeatedText(Label(_proctoring, (ProctoringProfile)n[ExportBatch.ProctoringProfile], text.Proctoring));
        sheet.RepeatedText(Label(_integrity, (ProctoringStatus)n[ExportBatch.ProctoringStatus], text.Integrity));
        sheet.Number((int)n[ExportBatch.IncidentCount]);
        sheet.Text(batch.Text(i, ExportBatch.ExternalId));
        sheet.Text(batch.Text(i, ExportBatch.Email));
        sheet.Text(batch.Text(i, ExportBatch.AdminComment));
        sheet.Date(LocalClock(SqliteExportRows.Date(n[ExportBatch.RegisteredAt])));
        sheet.Date(n[ExportBatch.StartedAt] is var started && started != ExportBatch.Null ? LocalClock(SqliteExportRows.Date(started)) : null);
        sheet.Date(n[ExportBatch.CompletedAt] is var done && done != ExportBatch.Null ? LocalClock(SqliteExportRows.Date(done)) : null);
        sheet.Number(n[ExportBatch.DurationSeconds] is var seconds && seconds != ExportBatch.Null ? Math.Round(seconds / 60.0, 1) : null);
        sheet.EndRow();
    }

    private static string? Name(Dictionary<int, string> names, long id) =>
        id != ExportBatch.Null && names.TryGetValue((int)id, out var name) ? name : null;

    /// <summary>A label looked up once per value and export, not built again for every row.</summary>
    private static string Label<TKey>(Dictionary<TKey, string> cache, TKey value, Func<TKey, string> label)
        where TKey : struct, Enum
    {
        if (!cache.TryGetValue(value, out var found))
        {
            found = label(value);
            cache[value] = found;
        }

        return found;
    }

    /// <summary>
    /// Excel has no time zones: cells hold the account's wall-clock time. The zone's offset is looked up once per UTC
    /// hour (when it is the same at both ends of the hour; a rare hour with a change is converted value by value).
    /// </summary>
    private DateTime LocalClock(DateTimeOffset value)
    {
        var utc = value.UtcTicks;
        var hour = utc / TimeSpan.TicksPerHour;
        if (!_offsets.TryGetValue(hour, out var offset))
        {
            var start = new DateTimeOffset(hour * TimeSpan.TicksPerHour, TimeSpan.Zero);
            var first = calendar.ToLocal(start).Offset;
            offset = first == calendar.ToLocal(start.AddTicks(TimeSpan.TicksPerHour - 1)).Offset ? first.Ticks : long.MinValue;
            _offsets[hour] = offset;
        }

        return offset == long.MinValue ? calendar.ToLocal(value).DateTime : new DateTime(utc + offset, DateTimeKind.Unspecified);
    }
}
