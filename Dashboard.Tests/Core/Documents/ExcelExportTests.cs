// Over 250 lines: the export read back cell by cell with the OpenXml SDK; the world, the grid orders and the cell reader belong together.
using Dashboard.Core.Accounts;
using Dashboard.Core.Documents;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Group = Dashboard.Core.Domain.Group;

namespace Dashboard.Tests.Core.Documents;

public sealed class ExcelExportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly DocumentWorld _world = new(database);

    private static readonly string[] EnglishHeaders =
    [
        "ID", "Group", "Last name", "First name", "Test", "Test type", "Status", "Score", "Level", "Grader", "Session", "Proctoring",
        "Integrity", "Incidents", "External identifier", "Email", "Administration comments", "Registered (Europe/Paris)", "Started (Europe/Paris)", "Completed (Europe/Paris)", "Duration (min)",
    ];

    private async Task<(Account Account, Group Group, List<Registration> Registrations)> GroupWithResultsAsync()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account, "=cmd|' /C calc'!A0");
        var subject = await _world.World.SubjectAsync("Excel");
        var comments = new[] { "=1+1", "+33 6 12 34 56 78", "-5", "@SUM(A1:A2)", "Ordinary comment", null };
        var statuses = new[] { RegistrationStatus.Completed, RegistrationStatus.InProgress, RegistrationStatus.ToBeTaken, RegistrationStatus.PendingGrading };
        var session = await _world.World.SessionAsync(account);
        var registrations = new List<Registration>();
        for (var i = 0; i < 24; i++)
        {
            var candidate = await _world.World.CandidateAsync(group, i == 0 ? "Łukasz" : $"Anne{i}", i == 0 ? "Ødegård" : $"Martin{i}");
            registrations.Add(await _world.World.RegistrationAsync(candidate, subject, statuses[i % 4], score: 400 + i,
                configure: r =>
                {
                    r.AdminComment = comments[i % comments.Length];
                    r.ExternalId = i == 0 ? "EXT-0001" : null;
                    r.SessionId = i % 3 == 0 ? session.Id : null;
                    r.ProctoringProfile = i % 2 == 0 ? ProctoringProfile.Video : ProctoringProfile.None;
                    r.ProctoringStatus = i % 2 == 0 ? ProctoringStatus.PendingReview : ProctoringStatus.NotApplicable;
                    r.IncidentCount = i % 5;
                    r.DurationSeconds = r.DurationSeconds is null ? null : 1500 + (i * 7);
                }));
        }

        // Another group's rows must not leak into the export of this filter.
        var elsewhere = await _world.World.CandidateAsync(await _world.World.GroupAsync(account, "Other"));
        await _world.World.RegistrationAsync(elsewhere, subject);
        return (account, group, registrations);
    }

    [Fact]
    public async Task ExportHasEveryRowOfTheFilterWithTypedCellsFrozenHeaderAndAutofilter()
    {
        var (account, group, registrations) = await GroupWithResultsAsync();
        var filter = ResultsFilter.Default with { GroupId = group.Id };

        await using var scope = database.CreateScope(account.Id);
        using var output = new MemoryStream();
        await DocumentWorld.Documents(scope).ExportResultsAsync(filter, output);
        var total = await Query(scope).CountAsync(filter);
        DocumentWorld.Keep("export.xlsx", output.ToArray());

        output.Position = 0;
        using var workbook = SpreadsheetDocument.Open(output, false);
        var sheetPart = workbook.WorkbookPart!.WorksheetParts.Single();
        var worksheet = sheetPart.Worksheet;
        var rows = worksheet.Descendants<Row>().ToList();
        var shared = SharedStrings(workbook);
        string CellText(Cell cell) => ExcelExportTests.CellText(cell, shared);
        Assert.Equal(24, total);
        Assert.Equal(total + 1, rows.Count);
        Assert.Equal(EnglishHeaders, rows[0].Elements<Cell>().Select(CellText).ToArray());

        var pane = worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1d, pane.VerticalSplit!.Value);
        Assert.StartsWith("A1:U", worksheet.Descendants<AutoFilter>().Single().Reference!.Value);
        Assert.True(worksheet.Descendants<Column>().All(c => c.Width!.Value >= 8));

        var byId = rows.Skip(1).ToDictionary(r => (int)double.Parse(CellText(r.Elements<Cell>().First()), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(registrations.Select(r => r.Id).Order(), byId.Keys.Order());

        var first = byId[registrations[0].Id].Elements<Cell>().ToList();
        Assert.Equal("Ødegård", CellText(first[2]));
        Assert.Equal("Łukasz", CellText(first[3]));
        Assert.Equal("Completed", CellText(first[6]));
        Assert.True(IsNumber(first[0]), "ID is a number");
        Assert.True(IsNumber(first[7]), "score is a number");
        Assert.Equal("400", CellText(first[7]));
        Assert.Equal("EXT-0001", CellText(first[14]));
        Assert.True(IsNumber(first[17]) && first[17].StyleIndex is not null, "registered is a formatted date serial");
        Assert.True(IsNumber(first[20]), "duration is a number");
        Assert.Equal("25", CellText(first[20]));

        // Text that looks like a formula is a string cell without any formula.
        Assert.DoesNotContain(worksheet.Descendants<CellFormula>(), _ => true);
        var comment = first[16];
        Assert.Equal("=1+1", CellText(comment));
        Assert.False(IsNumber(comment));
        Assert.Equal("=cmd|' /C calc'!A0", CellText(first[1]));
        var comments = rows.Skip(1).Select(r => CellText(r.Elements<Cell>().ElementAt(16))).ToHashSet();
        Assert.Contains("+33 6 12 34 56 78", comments);
        Assert.Contains("-5", comments);
        Assert.Contains("@SUM(A1:A2)", comments);

        // And MiniExcel reads the same text back.
        output.Position = 0;
        var values = output.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(total, values.Count);
        Assert.Contains(values, v => Equals(v["Administration comments"], "=1+1"));
        Assert.Contains(values, v => v["Registered (Europe/Paris)"] is DateTime);
    }

    [Fact]
    public async Task FrenchExportTranslatesHeadersAndLabels()
    {
        var (account, group, _) = await GroupWithResultsAsync();

        await using var scope = database.CreateScope(account.Id);
        using var output = new MemoryStream();
        await DocumentWorld.Documents(scope).ExportResultsAsync(ResultsFilter.Default with { GroupId = group.Id }, "fr", output);

        output.Position = 0;
        var rows = output.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains("Commentaires d’administration", rows[0].Keys);
        Assert.Contains("Inscrit le (Europe/Paris)", rows[0].Keys);
        Assert.Contains(rows, r => Equals(r["Statut"], "Terminé"));
        Assert.Contains(rows, r => Equals(r["Statut"], "À passer"));
    }

    [Fact]
    public async Task ExportNeedsTheExportPrivilege()
    {
        var account = await _world.World.AccountAsync();

        await using var scope = database.CreateScope(account.Id, 1, Privileges.ViewResults | Privileges.GroupReports);
        using var output = new MemoryStream();
        await Assert.ThrowsAsync<PrivilegeException>(() => DocumentWorld.Documents(scope).ExportResultsAsync(ResultsFilter.Default, output));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task SkillsFileHasOneRowPerCandidateAndAScoreAndLevelColumnPerSkill()
    {
        var account = await _world.World.AccountAsync();
        var group = await _world.World.GroupAsync(account, "RH");
        var subject = await _world.World.SubjectAsync("Gestion", skills: 3, questionsPerSkill: 2);
        var completed = new DateTimeOffset(2026, 11, 12, 9, 0, 0, TimeSpan.Zero);
        var chloe = await _world.World.CandidateAsync(group, "Chloé", "Dupré");
        await _world.SittingAsync(chloe, subject, i => i < 2, completedAt: completed);               // skill 1 full
        await _world.SittingAsync(chloe, subject, i => i < 4, completedAt: completed.AddDays(1));    // best: skills 1–2 full
        var marc = await _world.World.CandidateAsync(group, "Marc", "Åberg");
        await _world.SittingAsync(marc, subject, i => i >= 4, completedAt: completed);               // skill 3 full

        await using var scope = database.CreateScope(account.Id);
        var file = await DocumentWorld.Documents(scope).SkillsFileAsync(new GroupReportRequest(group.Id, subject.Id, new(2026, 11, 1), new(2026, 11, 30), "fr"));
        DocumentWorld.Keep("skills.xlsx", file.Content);

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.ContentType);
        Assert.EndsWith(".xlsx", file.FileName);
        using var input = new MemoryStream(file.Content);
        var rows = input.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Nom", "Prénom", "E-mail", "Identifiant externe", "Groupe", "Terminé le (Europe/Paris)", "Score", "Niveau",
            "Gestion skill 1", "Gestion skill 1 — niveau", "Gestion skill 2", "Gestion skill 2 — niveau", "Gestion skill 3", "Gestion skill 3 — niveau"], rows[0].Keys.ToArray());
        var aberg = rows[0];
        Assert.Equal("Åberg", aberg["Nom"]);
        Assert.Equal(1000d, Convert.ToDouble(aberg["Gestion skill 3"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Expert", aberg["Gestion skill 3 — niveau"]);
        Assert.Equal(1d, Convert.ToDouble(aberg["Gestion skill 1"], System.Globalization.CultureInfo.InvariantCulture));
        var dupre = rows[1];
        Assert.Equal("Dupré", dupre["Nom"]);
        Assert.Equal(1000d, Convert.ToDouble(dupre["Gestion skill 2"], System.Globalization.CultureInfo.InvariantCulture)); // from the best attempt
        Assert.Equal("Initial", dupre["Gestion skill 3 — niveau"]);
    }

    [Theory]
    [InlineData(ResultsSortKeys.Name, false)]
    [InlineData(ResultsSortKeys.Id, true)]
    [InlineData(ResultsSortKeys.CompletedAt, true)]
    [InlineData(ResultsSortKeys.Result, false)]
    public async Task EveryExportedCellEqualsTheGridsRowInTheGridsOrder(string sortKey, bool descending)
    {
        var (account, group, _) = await GroupWithResultsAsync();
        var filter = ResultsFilter.Default with { GroupId = group.Id };

        await using var scope = database.CreateScope(account.Id);
        var grid = await Query(scope).GetPageAsync(new ResultsPageRequest(filter, sortKey, descending, PageSize: 100));
        using var output = new MemoryStream();
        await DocumentWorld.Documents(scope).ExportResultsAsync(filter, "en", output, sortKey, descending);

        output.Position = 0;
        using var workbook = SpreadsheetDocument.Open(output, false);
        var shared = SharedStrings(workbook);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Skip(1)
            .Select(r => r.Elements<Cell>().Select(c => CellText(c, shared)).ToArray()).ToList();
        Assert.Equal(grid.Rows.Count, rows.Count);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZoneId);
        var labels = Dashboard.Core.Documents.Localization.DocumentText.English;
        string Number(double? value) => value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        DateTime? Local(DateTimeOffset? at) => at is { } value ? TimeZoneInfo.ConvertTime(value, zone).DateTime : null;
        DateTime? Read(string cell) => cell.Length == 0 ? null : DateTime.FromOADate(double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < rows.Count; i++)
        {
            var (expected, cells) = (grid.Rows[i], rows[i]);
            var completed = expected.Status == RegistrationStatus.Completed;
            Assert.Equal(21, cells.Length);
            Assert.Equal(
                [
                    Number(expected.Id), expected.GroupName, expected.LastName, expected.FirstName, expected.SubjectName,
                    labels.TestType(expected.TestType), labels.Status(expected.Status), completed ? Number(expected.Score) : "",
                    completed && expected.Level is { } level ? labels.Level(level) : "", expected.GraderName ?? "", expected.SessionName ?? "",
                    labels.Proctoring(expected.ProctoringProfile), labels.Integrity(expected.ProctoringStatus), Number(expected.IncidentCount),
                    expected.ExternalId ?? "", expected.Email, expected.AdminComment ?? "",
                ],
                cells[..17]);
            Assert.Equal(Local(expected.RegisteredAt)!.Value, Read(cells[17])!.Value, TimeSpan.FromMilliseconds(1));
            foreach (var (at, cell) in new[] { (expected.StartedAt, cells[18]), (expected.CompletedAt, cells[19]) })
            {
                Assert.Equal(at is null, cell.Length == 0);
                if (at is not null)
                {
                    Assert.Equal(Local(at)!.Value, Read(cell)!.Value, TimeSpan.FromMilliseconds(1));
                }
            }

            Assert.Equal(expected.DurationSeconds is { } seconds ? Number(Math.Round(seconds / 60.0, 1)) : "", cells[20]);
        }
    }

    [Fact]
    public void TextsBeyondTheSharedTableAreWrittenInlineAndReadBackTheSame()
    {
        using var output = new MemoryStream();
        using (var sheet = new Dashboard.Core.Documents.Excel.XlsxWriter(output, "Sheet <1> & 'two'", [new("Name", 20), new("Note", 20)], maxSharedStrings: 5))
        {
            for (var i = 0; i < 12; i++)
            {
                sheet.BeginRow();
                sheet.Text($"Name {i} <&> \"quoted\"\u0001");
                sheet.Text(i % 2 == 0 ? "=SUM(A1)" : null);
                sheet.EndRow();
            }

            sheet.Complete();
        }

        output.Position = 0;
        using var workbook = SpreadsheetDocument.Open(output, false);
        var shared = SharedStrings(workbook);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => CellText(c, shared)).ToArray()).ToList();
        Assert.Equal(13, rows.Count);
        Assert.Equal(["Name", "Note"], rows[0]);
        Assert.Equal(5, shared.Length);
        Assert.Contains(workbook.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Cell>(), c => c.DataType?.Value == CellValues.InlineString);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal([$"Name {i} <&> \"quoted\"", i % 2 == 0 ? "=SUM(A1)" : ""], rows[i + 1]);
        }

        Assert.Equal("Sheet <1> & 'two'", workbook.WorkbookPart.Workbook.Descendants<Sheet>().Single().Name!.Value);
    }

    private static IResultsQuery Query(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IResultsQuery>();

    private static bool IsNumber(Cell cell) => cell.DataType is null || cell.DataType.Value == CellValues.Number;

    internal static string[] SharedStrings(SpreadsheetDocument workbook) =>
        workbook.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];

    /// <summary>What Excel shows in the cell: a shared string looked up, an inline string, or the raw value.</summary>
    internal static string CellText(Cell cell, string[] shared) =>
        cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
        : cell.CellValue?.Text ?? cell.InlineString?.Text?.Text ?? "";
}
