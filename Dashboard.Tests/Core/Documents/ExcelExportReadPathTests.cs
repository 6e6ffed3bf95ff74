using System.Globalization;
using Dashboard.Core.Accounts;
using Dashboard.Core.Documents.Excel;
using Dashboard.Core.Documents.Localization;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Documents;

/// <summary>
/// The export as a user receives it, read back with the OpenXml SDK, against the grid's rows, for text that stresses
/// the SQLite export's read below ADO.NET (UTF-8 bytes escaped straight into the sheet): XML's special characters,
/// accents, emoji, empty and missing values, text longer than the writer's buffers, two accounts side by side.
/// On PostgreSQL the same tests check the general path.
/// </summary>
public sealed class ExcelExportReadPathTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly WorldBuilder _world = new(database);

    private static readonly string LongText = string.Concat(Enumerable.Repeat("Très long commentaire <b>&amp;</b> \"cité\" 😀 — ", 600));

    /// <summary>As long as a last name may be (100), multi-byte and escaped characters throughout.</summary>
    private static readonly string LongName = string.Concat(Enumerable.Repeat("Łódź<&>Ærø😀 ", 7));

    private static readonly string[] Comments =
        ["<script>alert('x')</script> & \"quotes\"", "", "  leading and trailing spaces  ", "line one\r\nline two\ttab", "Zoë 😀 ünïcödé 日本語 \U0001F600", LongText, "]]> ' > <"];

    /// <summary>An account whose every name is hostile to XML; <paramref name="marker"/> is in each so another account's rows would show.</summary>
    private async Task<Account> HostileAccountAsync(string marker)
    {
        var account = await _world.AccountAsync(marker);
        var group = await _world.GroupAsync(account, $"{marker} <Groupe> & \"Co\" 'ü' 🎉");
        var subject = await _world.SubjectAsync($"{marker} Excel <avancé> & 'VBA' 😀");
        var session = await _world.SessionAsync(account, $"{marker} session \"déc.\" <1> & 2");
        var grader = await new AccountsBuilder(database).AdministratorAsync(account, Privileges.Grade, name: $"{marker} Hélène <O'Brien> & Co 👩‍🏫");
        var statuses = new[] { RegistrationStatus.Completed, RegistrationStatus.InProgress, RegistrationStatus.ToBeTaken, RegistrationStatus.PendingGrading, RegistrationStatus.Cancelled };
        for (var i = 0; i < 21; i++)
        {
            var candidate = await _world.CandidateAsync(group,
                i % 3 == 0 ? $"{marker} Zoë 😀 <{i}>" : $"{marker} \"Anne\" & {i}",
                i % 2 == 0 ? $"O'Brien-{marker} & <Sons> {i}" : (i == 1 ? LongName : $"Ødegård {marker} 日本 {i}"),
                email: $"{marker.ToLowerInvariant()}.{i}+tag&x@example.test");
            await _world.RegistrationAsync(candidate, subject, statuses[i % statuses.Length], score: 400.5 + i,
                session: i % 4 == 0 ? session : null,
                configure: r =>
                {
                    r.AdminComment = i % 7 == 6 ? null : Comments[i % Comments.Length];
                    r.ExternalId = (i % 3) switch { 0 => null, 1 => "", _ => $"EXT<{i}>&\"{marker}\"" };
                    r.GraderId = i % 2 == 0 ? grader.Id : null;
                    r.ProctoringProfile = i % 2 == 0 ? ProctoringProfile.Video : ProctoringProfile.None;
                    r.IncidentCount = i % 4;
                    r.DurationSeconds = r.DurationSeconds is null ? null : 1500 + (i * 37);
                });
        }

        return account;
    }

    [Theory]
    [InlineData(ResultsSortKeys.Id, true)]
    [InlineData(ResultsSortKeys.Name, false)]
    public async Task EveryCellOfHostileTextEqualsTheGridsRowAndNoOtherAccountsRowIsExported(string sortKey, bool descending)
    {
        var account = await HostileAccountAsync("Alpha");
        await HostileAccountAsync("Beta");

        await using var scope = database.CreateScope(account.Id);
        var grid = await scope.ServiceProvider.GetRequiredService<IResultsQuery>()
            .GetPageAsync(new ResultsPageRequest(ResultsFilter.Default, sortKey, descending, PageSize: 1000));
        using var output = new MemoryStream();
        await DocumentWorld.Documents(scope).ExportResultsAsync(ResultsFilter.Default, "en", output, sortKey, descending);
        DocumentWorld.Keep("export-hostile.xlsx", output.ToArray());

        var rows = Cells(output);
        Assert.Equal(21, grid.Rows.Count);
        Assert.Equal(grid.Rows.Count, rows.Count);
        Assert.DoesNotContain(rows.SelectMany(r => r), cell => cell.Contains("Beta", StringComparison.Ordinal));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZoneId);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(Expected(grid.Rows[i], zone), rows[i]);
        }

        Assert.Contains(rows, r => r[16] == LongText);
        Assert.Contains(rows, r => r[2] == LongName);
        Assert.Contains(rows, r => r[16] == "  leading and trailing spaces  ");
        Assert.Contains(rows, r => r[16] == "line one\r\nline two\ttab");
    }

    [Theory]
    [InlineData("zoë")]
    [InlineData("brien")]
    [InlineData("o'")]
    [InlineData("epsilon.3+tag&x@example.test")]
    public async Task ASearchesExportHasExactlyTheGridsRows(string search)
    {
        var account = await HostileAccountAsync("Epsilon");
        await HostileAccountAsync("Zeta");
        var filter = ResultsFilter.Default with { Search = search };

        await using var scope = database.CreateScope(account.Id);
        var grid = await scope.ServiceProvider.GetRequiredService<IResultsQuery>()
            .GetPageAsync(new ResultsPageRequest(filter, ResultsSortKeys.Id, true, PageSize: 1000) { ExactCount = true });
        using var output = new MemoryStream();
        await DocumentWorld.Documents(scope).ExportResultsAsync(filter, "en", output, ResultsSortKeys.Id, descending: true);

        var rows = Cells(output);
        Assert.NotEmpty(grid.Rows);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZoneId);
        Assert.Equal(grid.Rows.Select(r => Expected(r, zone)), rows);
    }

    [Fact]
    public async Task TheServicesExportHasTheSameCellsAsTheGeneralStreamWrittenByTheSameWriter()
    {
        var account = await HostileAccountAsync("Gamma");
        await HostileAccountAsync("Delta");

        await using var scope = database.CreateScope(account.Id);
        using var fast = new MemoryStream();
        await DocumentWorld.Documents(scope).ExportResultsAsync(ResultsFilter.Default, "fr", fast, ResultsSortKeys.Name, descending: false);
        var calendar = AccountCalendar.For(account.TimeZoneId);
        using var general = new MemoryStream();
        await new ResultsExport(DocumentText.For("fr").In(calendar.ZoneName), calendar).WriteAsync(
            scope.ServiceProvider.GetRequiredService<IResultsQuery>().StreamAsync(ResultsFilter.Default, ResultsSortKeys.Name, descending: false),
            general, CancellationToken.None);

        var expected = Cells(general);
        Assert.Equal(21, expected.Count);
        Assert.Equal(expected, Cells(fast));
    }

    /// <summary>The grid's row as the export's 21 cells (texts as shown; numbers and dates as the sheet holds them).</summary>
    private static string[] Expected(ResultRow row, TimeZoneInfo zone)
    {
        var labels = DocumentText.English;
        var completed = row.Status == RegistrationStatus.Completed;
        string Number(double? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";
        string Date(DateTimeOffset? at) => at is { } value ? Number(TimeZoneInfo.ConvertTime(value, zone).DateTime.ToOADate()) : "";
        return
        [
            Number(row.Id), row.GroupName, row.LastName, row.FirstName, row.SubjectName, labels.TestType(row.TestType), labels.Status(row.Status),
            completed ? Number(row.Score) : "", completed && row.Level is { } level ? labels.Level(level) : "", row.GraderName ?? "", row.SessionName ?? "",
            labels.Proctoring(row.ProctoringProfile), labels.Integrity(row.ProctoringStatus), Number(row.IncidentCount), row.ExternalId ?? "", row.Email,
            row.AdminComment ?? "", Date(row.RegisteredAt), Date(row.StartedAt), Date(row.CompletedAt),
            row.DurationSeconds is { } seconds ? Number(Math.Round(seconds / 60.0, 1)) : "",
        ];
    }

    /// <summary>The data rows' cells as Excel shows their text (header skipped), read with the OpenXml SDK.</summary>
    private static List<string[]> Cells(MemoryStream output)
    {
        output.Position = 0;
        using var workbook = SpreadsheetDocument.Open(output, false);
        var shared = ExcelExportTests.SharedStrings(workbook);
        return workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Skip(1)
            .Select(r => r.Elements<Cell>().Select(c => ExcelExportTests.CellText(c, shared)).ToArray()).ToList();
    }
}
