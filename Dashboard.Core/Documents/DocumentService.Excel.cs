using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Dashboard.Core.Accounts;
using Dashboard.Core.Documents.Excel;
using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Core.Scoring;

namespace Dashboard.Core.Documents;

public sealed partial class DocumentService
{
    public Task ExportResultsAsync(ResultsFilter filter, Stream output, CancellationToken cancellationToken = default) =>
        ExportResultsAsync(filter, "en", output, cancellationToken: cancellationToken);

    /// <summary>
    /// The rows of <paramref name="filter"/> exactly as the grid selects and orders them (same Core query and sort keys),
    /// streamed row by row into the workbook: memory does not grow with the row count. <paramref name="output"/>
    /// receives synchronous writes (a file or memory stream, not an HTTP response body).
    /// </summary>
    public async Task ExportResultsAsync(ResultsFilter filter, string language, Stream output, string? sortKey = null, bool descending = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        scope.Demand(Privileges.Export);
        AccountCalendar calendar;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            calendar = await CalendarAsync(db, cancellationToken);
        }

        var text = TextFor(language, calendar);

        XlsxColumn[] columns =
        [
            new(text["Col.Id"], 9), new(text["Col.Group"], 22), new(text["Col.LastName"], 20), new(text["Col.FirstName"], 18),
            new(text["Col.Test"], 22), new(text["Col.TestType"], 14), new(text["Col.Status"], 16), new(text["Col.Score"], 9),
            new(text["Col.Level"], 13), new(text["Col.Grader"], 18), new(text["Col.Session"], 20), new(text["Col.Proctoring"], 18),
            new(text["Col.Integrity"], 18), new(text["Col.Incidents"], 10), new(text["Col.ExternalId"], 18), new(text["Col.Email"], 30),
            new(text["Col.Comment"], 40), new(text.TimesHeader("Col.Registered"), 17, XlsxFormat.DateTime), new(text.TimesHeader("Col.Started"), 17, XlsxFormat.DateTime),
            new(text.TimesHeader("Col.Completed"), 17, XlsxFormat.DateTime), new(text["Col.DurationMinutes"], 13, XlsxFormat.OneDecimal),
        ];

        var rows = ToExportRows(resultsQuery.StreamAsync(filter, sortKey, descending, cancellationToken), text, calendar, cancellationToken);

        // Reading (SQLite) and writing (XML + deflate) each take about half the time: a bounded hand-over lets them
        // run on two cores at once while memory stays flat. The writer is synchronous (no per-cell await) and runs on
        // a pool thread; callers pass a file or memory stream.
        using var handOver = new BlockingCollection<ResultsExportRow>(boundedCapacity: 4096);
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    handOver.Add(row, cancellationToken);
                }
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
                using var sheet = new XlsxWriter(output, text["ResultsSheet"], columns);
                foreach (var row in handOver.GetConsumingEnumerable(cancellationToken))
                {
                    WriteExportRow(sheet, row);
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

    private static void WriteExportRow(XlsxWriter sheet, ResultsExportRow row)
    {
        sheet.BeginRow();
        sheet.Number(row.Id);
        sheet.Text(row.Group);
        sheet.Text(row.LastName);
        sheet.Text(row.FirstName);
        sheet.Text(row.Test);
        sheet.Text(row.TestType);
        sheet.Text(row.Status);
        sheet.Number(row.Score);
        sheet.Text(row.Level);
        sheet.Text(row.Grader);
        sheet.Text(row.Session);
        sheet.Text(row.Proctoring);
        sheet.Text(row.Integrity);
        sheet.Number(row.Incidents);
        sheet.Text(row.ExternalId);
        sheet.Text(row.Email);
        sheet.Text(row.Comment);
        sheet.Date(row.Registered);
        sheet.Date(row.Started);
        sheet.Date(row.Completed);
        sheet.Number(row.DurationMinutes);
        sheet.EndRow();
    }

    private static async IAsyncEnumerable<ResultsExportRow> ToExportRows(IAsyncEnumerable<ResultRow> rows, DocumentText text, AccountCalendar calendar,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            yield return new ResultsExportRow
            {
                Id = r.Id,
                Group = r.GroupName,
                LastName = r.LastName,
                FirstName = r.FirstName,
                Test = r.SubjectName,
                TestType = text.TestType(r.TestType),
                Status = text.Status(r.Status),
                Score = r.Status == RegistrationStatus.Completed ? r.Score : null,
                Level = r.Status == RegistrationStatus.Completed && r.Level is { } level ? text.Level(level) : null,
                Grader = r.GraderName,
                Session = r.SessionName,
                Proctoring = text.Proctoring(r.ProctoringProfile),
                Integrity = text.Integrity(r.ProctoringStatus),
                Incidents = r.IncidentCount,
                ExternalId = r.ExternalId,
                Email = r.Email,
                Comment = r.AdminComment,
                Registered = LocalClock(r.RegisteredAt, calendar),
                Started = r.StartedAt is { } started ? LocalClock(started, calendar) : null,
                Completed = r.CompletedAt is { } completed ? LocalClock(completed, calendar) : null,
                DurationMinutes = r.DurationSeconds is { } seconds ? Math.Round(seconds / 60.0, 1) : null,
            };
        }
    }

    /// <summary>Excel has no time zones: cells hold the account's wall-clock time.</summary>
    private static DateTime LocalClock(DateTimeOffset value, AccountCalendar calendar) => calendar.ToLocal(value).DateTime;

    /// <summary>One row per candidate (their best attempt in the period), one score column (and level column) per skill.</summary>
    public async Task<GeneratedFile> SkillsFileAsync(GroupReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        scope.Demand(Privileges.GroupReports);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await CalendarAsync(db, cancellationToken);
        var text = TextFor(request.Language, calendar);
        var selection = await SelectAsync(db, request, calendar, cancellationToken);
        var names = StringComparer.Create(text.Culture, ignoreCase: true);
        var best = Rank(selection.Sittings, text).Select(r => r.Best)
            .OrderBy(s => s.LastName, names).ThenBy(s => s.FirstName, names).ThenBy(s => s.CandidateId)
            .ToList();
        var responses = await ResponsesAsync(db, best.Select(s => s.RegistrationId).ToList(), cancellationToken);
        var skills = selection.Subject.Skills.OrderBy(k => k.Order).ToList();
        var withLevels = selection.Subject.Scale == ScoreScale.Points1000;

        var columns = new List<XlsxColumn>
        {
            new(text["Col.LastName"], 20), new(text["Col.FirstName"], 18), new(text["Col.Email"], 30), new(text["Col.ExternalId"], 18),
            new(text["Col.Group"], 22), new(text.TimesHeader("Col.Completed"), 17, XlsxFormat.DateTime), new(text["Col.Score"], 9), new(text["Col.Level"], 13),
        };
        foreach (var skill in skills)
        {
            columns.Add(new(skill.Name, Math.Clamp(skill.Name.Length + 2, 10, 30)));
            if (withLevels)
            {
                columns.Add(new(text.Format("Col.SkillLevel", skill.Name), 14));
            }
        }

        using var buffer = new MemoryStream();
        using (var sheet = new XlsxWriter(buffer, text["SkillsFile"], columns))
        {
            foreach (var s in best)
            {
                var scores = ScoreCalculator.Compute(selection.Subject, responses[s.RegistrationId]).Skills.ToDictionary(k => k.SkillId);
                sheet.BeginRow();
                sheet.Text(s.LastName);
                sheet.Text(s.FirstName);
                sheet.Text(s.Email);
                sheet.Text(s.ExternalId);
                sheet.Text(s.GroupName);
                sheet.Date(s.CompletedAt?.DateTime);
                sheet.Number(s.Score);
                sheet.Text(s.Level is { } level ? text.Level(level) : null);
                foreach (var skill in skills)
                {
                    var score = scores.GetValueOrDefault(skill.Id);
                    sheet.Number(score?.Score);
                    if (withLevels)
                    {
                        sheet.Text(score?.Level is { } l ? text.Level(l) : null);
                    }
                }

                sheet.EndRow();
            }

            sheet.Complete();
        }

        return new GeneratedFile(FileName(text["File.Skills"], selection.GroupName, selection.Subject.Name) + ".xlsx", XlsxType, buffer.ToArray());
    }
}
