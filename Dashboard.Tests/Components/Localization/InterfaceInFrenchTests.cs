using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Components.Pages;
using Dashboard.Web.Components.Pages.Results;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using static Dashboard.Tests.Components.Results.ResultsComponentContext;

namespace Dashboard.Tests.Components.Localization;

/// <summary>The app bar, the shared parts and the Results pages rendered in French show no English resource text.</summary>
public sealed class InterfaceInFrenchTests : IAsyncLifetime
{
    private static readonly ResultsFilterOptions Options = new(
        [new GroupOption(1, "Ventes", null, false, 0), new GroupOption(2, "Anciens stagiaires", null, true, 0)],
        [new SessionOption(10, "Session de novembre", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30))],
        [new SubjectOption(5, "Excel")],
        AccountCalendar.For("Europe/Paris"));

    private readonly BunitContext _context = ComponentContext.Create();
    private readonly FixedResultsQuery _query = new();

    public InterfaceInFrenchTests()
    {
        _context.Services.AddSingleton<IResultsQuery>(_query);
        _context.Services.AddSingleton<IAccountFeed<ResultsChange>>(new AccountFeed<ResultsChange>());
        _context.Services.AddSingleton<SharedResultsPages>();
        _context.Services.AddSingleton(TimeProvider.System);
        _context.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        _context.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        var scope = new AccountScope();
        scope.SetAdministrator(1, 7, "Grace", Privileges.Owner);
        _context.Services.AddSingleton(scope);
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    /// <summary>Rows that use every status, level, type, proctoring label and row action the grid can show.</summary>
    private static List<ResultRow> EveryKindOfRow() =>
    [
        Row(1, RegistrationStatus.Completed, r => { r.Score = 742; r.Level = ScoreLevel.Advanced; r.Profile = ProctoringProfile.Video; r.ProctoringStatus = ProctoringStatus.PendingReview; r.Incidents = 2; r.CertificateValidated = true; r.TestType = TestType.Certification; }),
        Row(2, RegistrationStatus.Completed, r => { r.Scale = ScoreScale.Percentage; r.Score = 68.4; r.Incidents = 1; r.Profile = ProctoringProfile.IdDocument; r.ProctoringStatus = ProctoringStatus.Invalid; }),
        Row(3, RegistrationStatus.PendingGrading, r => r.TestType = TestType.Positioning),
        Row(4, RegistrationStatus.ToBeTaken, r => r.TestType = TestType.Free),
        Row(5, RegistrationStatus.InProgress, r => { r.StartedAt = DateTimeOffset.UtcNow.AddMinutes(-75); r.AnsweredCount = 12; }),
        Row(6, RegistrationStatus.Cancelled, r => r.ProctoringStatus = ProctoringStatus.ExplanationValidated),
    ];

    [Fact]
    public void TheResultsGridItsToolbarAndMudBlazorsPagerAreFrench()
    {
        using var french = FrenchHarness.French();
        _query.Rows = [.. EveryKindOfRow(), .. Enumerable.Range(7, 40).Select(i => Row(i))];
        var popovers = _context.Render<MudPopoverProvider>();

        var grid = _context.Render<ResultsGrid>(p => p.Add(c => c.View, ResultsViewState.Default)
            .Add(c => c.Selectable, true));

        grid.WaitForAssertion(() => Assert.Equal("46 résultats", grid.Find("[data-testid=results-total]").TextContent));
        Assert.Contains("Lignes par page", grid.Markup, StringComparison.Ordinal);
        Assert.Contains("Nom / Prénom", grid.Markup, StringComparison.Ordinal);
        Assert.Contains("742 · Avancé", grid.Markup, StringComparison.Ordinal);
        Assert.Empty(FrenchHarness.EnglishLeftovers(grid.Markup, popovers.Markup));
    }

    [Fact]
    public void TestsInProgressAndPendingGradingColumnsAreFrench()
    {
        using var french = FrenchHarness.French();
        _query.Rows = EveryKindOfRow();

        var progress = _context.Render<ResultsGrid>(p => p.Add(c => c.View, ResultsViewState.Default)
            .Add(c => c.ShowProgress, true));
        var grading = _context.Render<ResultsGrid>(p => p.Add(c => c.View, new ResultsViewState(new ResultsFilter { Status = RegistrationStatus.PendingGrading }, ResultsGridPosition.Default)));

        progress.WaitForAssertion(() => Assert.Contains("Durée écoulée", progress.Markup, StringComparison.Ordinal));
        grading.WaitForAssertion(() => Assert.Contains("Non attribué", grading.Markup, StringComparison.Ordinal));
        Assert.Empty(FrenchHarness.EnglishLeftovers(progress.Markup, grading.Markup));
    }

    [Fact]
    public void AnEmptyResultAndTheFiltersPanelAreFrench()
    {
        using var french = FrenchHarness.French();
        _query.Rows = [];

        var grid = _context.Render<ResultsGrid>(p => p.Add(c => c.View, ResultsViewState.Default));
        var panel = _context.Render<ResultsFiltersPanel>(p => p.Add(c => c.Filter, new ResultsFilter { GroupId = 2, IncludeArchivedGroups = true, Search = "zoé" })
            .Add(c => c.Options, Options));

        grid.WaitForAssertion(() => Assert.Contains("Aucun résultat pour ce filtre", grid.Markup, StringComparison.Ordinal));
        Assert.Contains("Groupe archivé : Anciens stagiaires", panel.Markup, StringComparison.Ordinal);
        Assert.Empty(FrenchHarness.EnglishLeftovers(grid.Markup, panel.Markup));
    }

    [Fact]
    public void TheMenuTheSharedPartsAndTheErrorPagesAreFrench()
    {
        using var french = FrenchHarness.French();
        var row = EveryKindOfRow()[0];

        string[] markups =
        [
            _context.Render<NavMenu>().Markup,
            _context.Render<AccessDeniedMessage>().Markup,
            _context.Render<Error>().Markup,
            _context.Render<NotFound>().Markup,
            _context.Render<DocumentLanguagePicker>().Markup,
            _context.Render<GroupReportsMenu>(p => p.Add(c => c.Filter, ResultsFilter.Default)).Markup,
            _context.Render<ProtocolIndicators>(p => p.Add(c => c.Row, row)).Markup,
            _context.Render<RowActionButtons>(p => p.Add(c => c.Row, row).Add(c => c.Actions, RowActions.Analysis | RowActions.Grade
                | RowActions.AssignGrader | RowActions.DownloadCertificate | RowActions.Cancel)).Markup,
            .. Enum.GetValues<RegistrationStatus>().Select(s => _context.Render<StatusChip>(p => p.Add(c => c.Status, s)).Markup),
        ];

        Assert.Contains("Tableau des résultats", markups[0], StringComparison.Ordinal);
        Assert.Empty(FrenchHarness.EnglishLeftovers(markups));
    }

    [Fact]
    public void TheHarnessFindsEnglishLeftInAFrenchPage()
    {
        using var french = FrenchHarness.French();

        var leftovers = FrenchHarness.EnglishLeftovers("<p>Résultats</p><button aria-label=\"Next page\"></button><span>Rows per page:</span><h1>Tableau des résultats</h1><p>Excel</p>");

        Assert.Contains(leftovers, l => l.Contains("MudDataGridPager_RowsPerPage", StringComparison.Ordinal));
        Assert.Contains(leftovers, l => l.Contains("MudDataGridPager_NextPage", StringComparison.Ordinal));
        Assert.DoesNotContain(leftovers, l => l.Split(" — seen in ")[0].Contains("Excel", StringComparison.Ordinal));
    }

    private sealed class FixedResultsQuery : IResultsQuery
    {
        public List<ResultRow> Rows { get; set; } = [];

        public Task<ResultsPage> GetPageAsync(ResultsPageRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ResultsPage([.. Rows.Skip(request.Page * request.PageSize).Take(request.PageSize)], Rows.Count));

        public Task<int> CountAsync(ResultsFilter filter, CancellationToken cancellationToken = default) => Task.FromResult(Rows.Count);

        public IAsyncEnumerable<ResultRow> StreamAsync(ResultsFilter filter, string? sortKey = null, bool descending = false,
            CancellationToken cancellationToken = default) => Rows.ToAsyncEnumerable();
    }
}
