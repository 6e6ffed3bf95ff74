using Dashboard.Core.Accounts;
using Dashboard.Core.Documents.Excel;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Core.Scoring;
using Microsoft.EntityFrameworkCore;

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

        var export = new ResultsExport(TextFor(language, calendar), calendar);
        if (resultsQuery is ResultsQuery query)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // The same rows, read below ADO.NET (SqliteExportRows); PostgreSQL keeps the general stream.
                var rows = await SqliteExportRows.OpenAsync(db, await query.SortedAsync(db, filter, sortKey, descending, cancellationToken), cancellationToken);
                await export.WriteAsync(rows, output, cancellationToken);
                return;
            }
        }

        await export.WriteAsync(resultsQuery.StreamAsync(filter, sortKey, descending, cancellationToken), output, cancellationToken);
    }

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
