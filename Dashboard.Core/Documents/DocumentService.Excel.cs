using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Dashboard.Core.Documents.Excel;
using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Core.Scoring;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;

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
        var text = TextFor(language);
        TimeZoneInfo zone;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            zone = await TimeZoneAsync(db, cancellationToken);
        }

        var configuration = ExcelSheets.Configuration(
            ExcelSheets.Column(nameof(ResultsExportRow.Id), text["Col.Id"], 9),
            ExcelSheets.Column(nameof(ResultsExportRow.Group), text["Col.Group"], 22),
            ExcelSheets.Column(nameof(ResultsExportRow.LastName), text["Col.LastName"], 20),
            ExcelSheets.Column(nameof(ResultsExportRow.FirstName), text["Col.FirstName"], 18),
            ExcelSheets.Column(nameof(ResultsExportRow.Test), text["Col.Test"], 22),
            ExcelSheets.Column(nameof(ResultsExportRow.TestType), text["Col.TestType"], 14),
            ExcelSheets.Column(nameof(ResultsExportRow.Status), text["Col.Status"], 16),
            ExcelSheets.Column(nameof(ResultsExportRow.Score), text["Col.Score"], 9),
            ExcelSheets.Column(nameof(ResultsExportRow.Level), text["Col.Level"], 13),
            ExcelSheets.Column(nameof(ResultsExportRow.Grader), text["Col.Grader"], 18),
            ExcelSheets.Column(nameof(ResultsExportRow.Session), text["Col.Session"], 20),
            ExcelSheets.Column(nameof(ResultsExportRow.Proctoring), text["Col.Proctoring"], 18),
            ExcelSheets.Column(nameof(ResultsExportRow.Integrity), text["Col.Integrity"], 18),
            ExcelSheets.Column(nameof(ResultsExportRow.Incidents), text["Col.Incidents"], 10),
            ExcelSheets.Column(nameof(ResultsExportRow.ExternalId), text["Col.ExternalId"], 18),
            ExcelSheets.Column(nameof(ResultsExportRow.Email), text["Col.Email"], 30),
            ExcelSheets.Column(nameof(ResultsExportRow.Comment), text["Col.Comment"], 40),
            ExcelSheets.Column(nameof(ResultsExportRow.Registered), text["Col.Registered"], 17, ExcelSheets.DateTimeFormat),
            ExcelSheets.Column(nameof(ResultsExportRow.Started), text["Col.Started"], 17, ExcelSheets.DateTimeFormat),
            ExcelSheets.Column(nameof(ResultsExportRow.Completed), text["Col.Completed"], 17, ExcelSheets.DateTimeFormat),
            ExcelSheets.Column(nameof(ResultsExportRow.DurationMinutes), text["Col.DurationMinutes"], 13, "0.0"));

        var rows = ToExportRows(resultsQuery.StreamAsync(filter, sortKey, descending, cancellationToken), text, zone, cancellationToken);

        // Reading (SQLite) and writing (MiniExcel) each take about half the time: a bounded hand-over lets them run
        // on two cores at once while memory stays flat. MiniExcel's async writer awaits every cell (millions of
        // state machines for 100,000 rows); its synchronous writer is about twice as cheap, so it runs on a pool
        // thread. Callers pass a file or memory stream.
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
            await Task.Run(() => output.SaveAs(handOver.GetConsumingEnumerable(cancellationToken), printHeader: true, sheetName: text["ResultsSheet"],
                excelType: ExcelType.XLSX, configuration: configuration), cancellationToken);
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

    private static async IAsyncEnumerable<ResultsExportRow> ToExportRows(IAsyncEnumerable<ResultRow> rows, DocumentText text, TimeZoneInfo zone,
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
                Registered = LocalClock(r.RegisteredAt, zone),
                Started = r.StartedAt is { } started ? LocalClock(started, zone) : null,
                Completed = r.CompletedAt is { } completed ? LocalClock(completed, zone) : null,
                DurationMinutes = r.DurationSeconds is { } seconds ? Math.Round(seconds / 60.0, 1) : null,
            };
        }
    }

    /// <summary>Excel has no time zones: cells hold the account's wall-clock time.</summary>
    private static DateTime LocalClock(DateTimeOffset value, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(value, zone).DateTime;

    /// <summary>One row per candidate (their best attempt in the period), one score column (and level column) per skill.</summary>
    public async Task<GeneratedFile> SkillsFileAsync(GroupReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        scope.Demand(Privileges.GroupReports);
        var text = TextFor(request.Language);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var zone = await TimeZoneAsync(db, cancellationToken);
        var selection = await SelectAsync(db, request, zone, cancellationToken);
        var names = StringComparer.Create(text.Culture, ignoreCase: true);
        var best = Rank(selection.Sittings, text).Select(r => r.Best)
            .OrderBy(s => s.LastName, names).ThenBy(s => s.FirstName, names).ThenBy(s => s.CandidateId)
            .ToList();
        var responses = await ResponsesAsync(db, best.Select(s => s.RegistrationId).ToList(), cancellationToken);
        var skills = selection.Subject.Skills.OrderBy(k => k.Order).ToList();
        var withLevels = selection.Subject.Scale == ScoreScale.Points1000;

        var columns = new List<DynamicExcelColumn>
        {
            ExcelSheets.Column("LastName", text["Col.LastName"], 20),
            ExcelSheets.Column("FirstName", text["Col.FirstName"], 18),
            ExcelSheets.Column("Email", text["Col.Email"], 30),
            ExcelSheets.Column("ExternalId", text["Col.ExternalId"], 18),
            ExcelSheets.Column("Group", text["Col.Group"], 22),
            ExcelSheets.Column("Completed", text["Col.Completed"], 17, ExcelSheets.DateTimeFormat),
            ExcelSheets.Column("Score", text["Col.Score"], 9),
            ExcelSheets.Column("Level", text["Col.Level"], 13),
        };
        for (var i = 0; i < skills.Count; i++)
        {
            columns.Add(ExcelSheets.Column($"Skill{i}", skills[i].Name, Math.Clamp(skills[i].Name.Length + 2, 10, 30)));
            if (withLevels)
            {
                columns.Add(ExcelSheets.Column($"Skill{i}Level", text.Format("Col.SkillLevel", skills[i].Name), 14));
            }
        }

        var rows = best.Select(s =>
        {
            var scores = ScoreCalculator.Compute(selection.Subject, responses[s.RegistrationId]).Skills.ToDictionary(k => k.SkillId);
            var row = new Dictionary<string, object?>
            {
                ["LastName"] = s.LastName,
                ["FirstName"] = s.FirstName,
                ["Email"] = s.Email,
                ["ExternalId"] = s.ExternalId,
                ["Group"] = s.GroupName,
                ["Completed"] = s.CompletedAt?.DateTime,
                ["Score"] = s.Score,
                ["Level"] = s.Level is { } level ? text.Level(level) : null,
            };
            for (var i = 0; i < skills.Count; i++)
            {
                var skill = scores.GetValueOrDefault(skills[i].Id);
                row[$"Skill{i}"] = skill?.Score;
                if (withLevels)
                {
                    row[$"Skill{i}Level"] = skill?.Level is { } l ? text.Level(l) : null;
                }
            }

            return row;
        }).ToList();

        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(rows, printHeader: true, sheetName: text["SkillsFile"], excelType: ExcelType.XLSX,
            configuration: ExcelSheets.Configuration([.. columns]), cancellationToken: cancellationToken);
        return new GeneratedFile(FileName(text["File.Skills"], selection.GroupName, selection.Subject.Name) + ".xlsx", XlsxType, buffer.ToArray());
    }
}
