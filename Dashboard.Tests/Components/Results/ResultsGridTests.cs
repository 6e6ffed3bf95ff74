// Over 250 lines: the grid's behaviours (paging, sorting, selection, live reload, errors) share one recording query and one render set-up.
using Dashboard.Tests.Support;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Live;
using Dashboard.Core.Results;
using Dashboard.Web.Components;
using Dashboard.Web.Components.Pages.Results;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using static Dashboard.Tests.Components.Results.ResultsComponentContext;

namespace Dashboard.Tests.Components.Results;

public sealed class ResultsGridTests : IAsyncLifetime
{
    private readonly BunitContext _context = ComponentContext.Create();
    private readonly RecordingResultsQuery _query = new();
    private readonly AccountFeed<ResultsChange> _feed = new();

    /// <summary>The clock the grid's live throttle waits on: it moves only when a test says so.</summary>
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

    public ResultsGridTests()
    {
        _context.Services.AddSingleton<IResultsQuery>(_query);
        _context.Services.AddSingleton<IAccountFeed<ResultsChange>>(_feed);
        _context.Services.AddSingleton<SharedResultsPages>();
        _context.Services.AddSingleton<TimeProvider>(_time);
        _context.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        _context.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        var scope = new AccountScope();
        scope.SetAdministrator(1, 7, "Grace", Privileges.Owner);
        _context.Services.AddSingleton(scope);
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _context.Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<ResultsGrid> RenderGrid(ResultsFilter? filter = null, ResultsGridPosition? position = null,
        Action<ComponentParameterCollectionBuilder<ResultsGrid>>? more = null, bool selectable = true) =>
        _context.Render<ResultsGrid>(p =>
        {
            // As for an owner: assigning graders to selected rows is theirs, so the rows have checkboxes.
            p.Add(c => c.View, new ResultsViewState(filter ?? ResultsFilter.Default, position ?? ResultsGridPosition.Default)).Add(c => c.Selectable, selectable);
            more?.Invoke(p);
        });

    [Fact]
    public void TheGridAsksTheQueryForTheFilterSortAndPageOfTheUrl()
    {
        _query.Rows = Enumerable.Range(1, 60).Select(i => Row(i)).ToList();
        var filter = new ResultsFilter { Status = RegistrationStatus.Completed };

        var cut = RenderGrid(filter, new ResultsGridPosition(ResultsSortKeys.Name, false, 1, 10));

        cut.WaitForAssertion(() => Assert.Contains(_query.Requests, r => r.Page == 1));
        var request = _query.Requests[^1];
        Assert.Equal(new ResultsPageRequest(filter, ResultsSortKeys.Name, false, 1, 10), request with { From = null });
        cut.WaitForAssertion(() => Assert.Equal("60 results", cut.Find("[data-testid=results-total]").TextContent));
        Assert.Equal(10, cut.FindAll("tbody tr.mud-table-row").Count);
    }

    [Fact]
    public async Task AChangeAfterAQuietSpellReloadsAtOnceAndABurstAfterItIsOneReloadAtTheWindowsEnd()
    {
        _query.Rows = Enumerable.Range(1, 5).Select(i => Row(i)).ToList();
        var cut = RenderGrid();
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("tbody tr.mud-table-row").Count));
        var loadsBefore = _query.Requests.Count;

        // The first change reloads without waiting: the grid's clock has not moved.
        _feed.Publish(new ResultsChange(1, 2, "answer", DateTimeOffset.UtcNow));
        // The highlight is drawn as the reload starts, before its query has answered: wait for both.
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["2"], ChangedRows(cut));
            Assert.Equal(loadsBefore + 1, _query.Requests.Count);
        }, TimeSpan.FromSeconds(10));

        for (var i = 0; i < 20; i++)
        {
            _feed.Publish(new ResultsChange(1, i % 2 == 0 ? 2 : 4, "answer", DateTimeOffset.UtcNow));
        }

        _feed.Publish(new ResultsChange(99, 3, "other account", DateTimeOffset.UtcNow));
        await Task.Delay(ResultsGrid.LiveDebounce * 3);
        Assert.Equal(loadsBefore + 1, _query.Requests.Count);

        // The burst within the window is one reload when the window ends.
        _time.Advance(ResultsGrid.LiveDebounce);
        cut.WaitForAssertion(() =>
        {
            Assert.Equal(["2", "4"], ChangedRows(cut));
            Assert.Equal(loadsBefore + 2, _query.Requests.Count);
        }, TimeSpan.FromSeconds(10));
        await Task.Delay(ResultsGrid.LiveDebounce * 3);
        Assert.Equal(loadsBefore + 2, _query.Requests.Count);
        Assert.NotNull(cut.Find("[data-testid=live-indicator]"));
    }

    private static List<string> ChangedRows(IRenderedComponent<ResultsGrid> cut) =>
        cut.FindAll("tr.row-changed").Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()).ToList();

    [Fact]
    public void WithoutAnActionOnSelectedRowsTheRowsHaveNoCheckbox()
    {
        _query.Rows = Enumerable.Range(1, 5).Select(i => Row(i)).ToList();

        var cut = RenderGrid(selectable: false);

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("tbody tr.mud-table-row").Count));
        Assert.Empty(cut.FindAll("input[type=checkbox]"));
        Assert.Equal("1", cut.FindAll("tbody tr.mud-table-row")[0].QuerySelectorAll("td")[0].TextContent.Trim());
    }

    [Fact]
    public async Task ALiveReloadKeepsTheSelection()
    {
        _query.Rows = Enumerable.Range(1, 5).Select(i => Row(i)).ToList();
        IReadOnlyCollection<ResultRow> selected = [];
        var cut = RenderGrid(more: p => p.Add(c => c.SelectedRowsChanged, rows => selected = rows));
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("tbody tr.mud-table-row").Count));
        cut.FindAll("tbody tr.mud-table-row")[2].QuerySelector("input[type=checkbox]")!.Change(true);
        Assert.Equal([3], selected.Select(r => r.Id));
        cut.Render(p => p.Add(c => c.SelectedRows, selected));

        // Row 3 changes underneath: a new instance with the same ID.
        _query.Rows = Enumerable.Range(1, 5).Select(i => Row(i, configure: r => r.Incidents = i == 3 ? 2 : 0)).ToList();
        _feed.Publish(new ResultsChange(1, 3, "incident", DateTimeOffset.UtcNow));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr.row-changed")), TimeSpan.FromSeconds(10));
        await Task.Delay(50);
        var ticked = cut.FindAll("tbody tr.mud-table-row")
            .Where(r => r.QuerySelector("input[type=checkbox]") is AngleSharp.Html.Dom.IHtmlInputElement { IsChecked: true })
            .Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Equal(["3"], ticked);
        Assert.Equal("1 selected", cut.Find("[data-testid=results-selected]").TextContent.Trim());
    }

    [Fact]
    public async Task ClosingThePageStopsListening()
    {
        _query.Rows = [Row(1)];
        var cut = RenderGrid();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr.mud-table-row")));
        var loads = _query.Requests.Count;

        await _context.DisposeComponentsAsync();
        _feed.Publish(new ResultsChange(1, 1, "late", DateTimeOffset.UtcNow));
        await Task.Delay(ResultsGrid.LiveDebounce * 3);

        Assert.Equal(loads, _query.Requests.Count);
    }

    [Fact]
    public void AnEmptyResultOffersToResetTheFilters()
    {
        var reset = false;
        var cut = RenderGrid(new ResultsFilter { Search = "nobody" }, more: p => p.Add(c => c.OnReset, () => reset = true));

        cut.WaitForAssertion(() => Assert.Contains("No results for this filter", cut.Markup));
        cut.FindAll("button").Single(b => b.TextContent.Contains("Reset filters", StringComparison.Ordinal)).Click();

        Assert.True(reset);
        Assert.Equal("0 results", cut.Find("[data-testid=results-total]").TextContent);
    }

    [Fact]
    public void AnUnavailableDatabaseShowsAClearMessageInsteadOfRows()
    {
        _query.Failure = new InvalidOperationException("SQLite Error 14: unable to open database file");

        var cut = RenderGrid();

        cut.WaitForAssertion(() => Assert.Contains("database is not available", cut.Find("[data-testid=results-error]").TextContent));
        Assert.DoesNotContain("No results for this filter", cut.Markup);
    }

    [Fact]
    public void PendingGradingShowsTheGraderColumnWithNotAssigned()
    {
        _query.Rows = [Row(1, RegistrationStatus.PendingGrading, r => r.GraderName = "Claire Fontaine"), Row(2, RegistrationStatus.PendingGrading)];

        var cut = RenderGrid(new ResultsFilter { Status = RegistrationStatus.PendingGrading });

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr.mud-table-row").Count));
        var headers = cut.FindAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Grader", headers);
        Assert.DoesNotContain("Result", headers);
        Assert.Equal("Claire Fontaine", cut.Find("[data-testid=grader]").TextContent);
        Assert.Contains("Not assigned", cut.FindAll("tbody tr.mud-table-row")[1].TextContent);
    }

    [Fact]
    public void TestsInProgressShowElapsedTimeAndAnsweredQuestions()
    {
        var started = _time.GetUtcNow().AddMinutes(-12).AddSeconds(-5);
        _query.Rows = [Row(1, RegistrationStatus.InProgress, r => { r.StartedAt = started; r.AnsweredCount = 9; })];

        var cut = RenderGrid(new ResultsFilter { Status = RegistrationStatus.InProgress }, more: p => p.Add(c => c.ShowProgress, true));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr.mud-table-row")));
        var cells = cut.Find("tbody tr.mud-table-row").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("12 min", cells);
        Assert.Contains("9", cells);
        Assert.DoesNotContain(cut.FindAll("thead th"), h => h.TextContent.Trim() == "Result");
    }

    [Fact]
    public async Task ElapsedTimesMoveOnWithoutAnyEvent()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        await using var context = ComponentContext.Create();
        context.Services.AddSingleton<IResultsQuery>(_query);
        context.Services.AddSingleton<IAccountFeed<ResultsChange>>(_feed);
        context.Services.AddSingleton<SharedResultsPages>();
        context.Services.AddSingleton<TimeProvider>(time);
        context.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        context.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        var scope = new AccountScope();
        scope.SetSystem(1);
        context.Services.AddSingleton(scope);
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _query.Rows = [Row(1, RegistrationStatus.InProgress, r => r.StartedAt = time.GetUtcNow().AddMinutes(-12))];

        var cut = context.Render<ResultsGrid>(p => p
            .Add(c => c.View, new ResultsViewState(new ResultsFilter { Status = RegistrationStatus.InProgress }, ResultsGridPosition.Default))
            .Add(c => c.ShowProgress, true));
        cut.WaitForAssertion(() => Assert.Contains("12 min", cut.Find("tbody tr.mud-table-row").TextContent));
        var loads = _query.Requests.Count;

        time.Advance(TimeSpan.FromMinutes(1));

        cut.WaitForAssertion(() => Assert.Contains("13 min", cut.Find("tbody tr.mud-table-row").TextContent));
        Assert.Equal(loads, _query.Requests.Count);
    }

    [Fact]
    public void ACappedCountSaysTenThousandPlusUntilTheUserAsksForTheExactCount()
    {
        _query.Rows = Enumerable.Range(1, 60).Select(i => Row(i)).ToList();
        _query.Capped = true;

        var cut = RenderGrid();

        var capped = string.Create(CultureInfo.CurrentCulture, $"{ResultsPage.CountCap:N0}+");
        cut.WaitForAssertion(() => Assert.Equal($"{capped} results", cut.Find("[data-testid=results-total]").TextContent));
        Assert.Contains($"of {capped}", cut.Find(".mud-table-pagination").TextContent);
        cut.Find("[data-testid=results-count-exactly]").Click();

        cut.WaitForAssertion(() => Assert.Equal("60 results", cut.Find("[data-testid=results-total]").TextContent));
        Assert.True(_query.Requests[^1].ExactCount);
        Assert.Empty(cut.FindAll("[data-testid=results-count-exactly]"));
    }

    [Fact]
    public void InFrenchTheCappedCountAndItsButtonAreFrench()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var french = CultureInfo.GetCultureInfo("fr-FR");
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = french;
        try
        {
            _query.Rows = Enumerable.Range(1, 60).Select(i => Row(i)).ToList();
            _query.Capped = true;

            var cut = RenderGrid();

            var capped = string.Create(french, $"{ResultsPage.CountCap:N0}+");
            cut.WaitForAssertion(() => Assert.Equal($"{capped} résultats", cut.Find("[data-testid=results-total]").TextContent));
            Assert.Contains($"sur {capped}", cut.Find(".mud-table-pagination").TextContent);
            Assert.Equal("Compter exactement", cut.Find("[data-testid=results-count-exactly]").TextContent.Trim());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    [Fact]
    public void TheNextPageIsAskedFromTheBoundsOfThePageOnScreen()
    {
        _query.Rows = Enumerable.Range(1, 60).Select(i => Row(i)).ToList();
        var cut = RenderGrid();
        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("tbody tr.mud-table-row").Count));
        var onScreen = _query.PageLog.Last();

        cut.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Next page").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, _query.Requests[^1].Page));
        Assert.Same(onScreen.Bounds, _query.Requests[^1].From);
    }

    [Fact]
    public void AnOpenGridHoldsNoComponentPerRowOrCell()
    {
        // Every open Results page keeps its components (and two render trees each) for as long as it is open: their
        // number must not grow with the rows on screen (MudDataGrid held a checkbox and cell components per row).
        _query.Rows = Enumerable.Range(1, 100).Select(i => Row(i, configure: r => r.Incidents = i % 3)).ToList();
        var ten = RenderGrid(position: ResultsGridPosition.Default with { PageSize = 10 });
        ten.WaitForAssertion(() => Assert.Equal(10, ten.FindAll("tbody tr.mud-table-row").Count));
        var hundred = RenderGrid(position: ResultsGridPosition.Default with { PageSize = 100 });
        hundred.WaitForAssertion(() => Assert.Equal(100, hundred.FindAll("tbody tr.mud-table-row").Count));

        Assert.Equal(ten.FindComponents<IComponent>().Count, hundred.FindComponents<IComponent>().Count);
        Assert.Equal(100, hundred.FindAll("tbody input[type=checkbox]").Count);
        Assert.True(hundred.FindComponents<IComponent>().Count < 20, $"{hundred.FindComponents<IComponent>().Count} components in the grid");
    }

    [Fact]
    public async Task ARowsCancelButtonCancelsThatRowAndAForgedEventNothing()
    {
        _query.Rows = Enumerable.Range(1, 5).Select(i => Row(i, RegistrationStatus.ToBeTaken)).Append(Row(6)).ToList();
        var cancelled = new List<int>();
        var cut = RenderGrid(more: p => p.Add(c => c.OnCancel, r => cancelled.Add(r.Id)));
        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("tbody tr.mud-table-row").Count));

        // The buttons are markup: a click raises rowaction from the button (Dashboard.Web.lib.module.js), heard by the body.
        var button = cut.Find("tbody button[data-action=cancel][data-row='3']");
        await button.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = "cancel", Row = 3 });
        Assert.Equal([3], cancelled);

        // Row 6 is completed (nothing to cancel) and row 99 is not on the page.
        await button.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = "cancel", Row = 6 });
        await button.TriggerEventAsync("onrowaction", new RowActionEventArgs { Action = "cancel", Row = 99 });
        Assert.Equal([3], cancelled);
        Assert.Empty(cut.FindAll("tbody tr:nth-child(6) [data-action=cancel]"));
    }

    [Fact]
    public void TwoOpenGridsShowingTheSameRowsShareTheirMarkupAndAChangedRowIsDrawnAgain()
    {
        _query.Rows = Enumerable.Range(1, 3).Select(i => Row(i, RegistrationStatus.ToBeTaken)).ToList();
        var first = RenderGrid();
        first.WaitForAssertion(() => Assert.Equal(3, first.FindAll("tbody tr.mud-table-row").Count));
        _query.Rows = Enumerable.Range(1, 3).Select(i => Row(i, i == 2 ? RegistrationStatus.InProgress : RegistrationStatus.ToBeTaken)).ToList();
        var second = RenderGrid();
        second.WaitForAssertion(() => Assert.Equal(3, second.FindAll("tbody tr.mud-table-row").Count));

        // Equal rows are one string in memory (the other page's copy of the row); row 2 changed: its own markup.
        var markup = _context.Services.GetRequiredService<ResultRowMarkup>();
        var lead = ResultRowMarkup.Part.LeadWithResult;
        Assert.Same(markup.Get(Row(1, RegistrationStatus.ToBeTaken), lead, RowActions.None, (_, _) => "built again").Value,
            markup.Get(Row(1, RegistrationStatus.ToBeTaken), lead, RowActions.None, (_, _) => "built again").Value);
        Assert.NotEqual("built again", markup.Get(Row(1, RegistrationStatus.ToBeTaken), lead, RowActions.None, (_, _) => "built again").Value);
        Assert.Contains("To be taken", first.FindAll("tbody tr.mud-table-row")[1].TextContent);
        Assert.Contains("In progress", second.FindAll("tbody tr.mud-table-row")[1].TextContent);
        Assert.Contains("To be taken", second.FindAll("tbody tr.mud-table-row")[0].TextContent);
    }

    /// <summary>An in-memory IResultsQuery that records each request (the real one is covered by the Core tests).</summary>
    private sealed class RecordingResultsQuery : IResultsQuery
    {
        public List<ResultRow> Rows { get; set; } = [];
        public Exception? Failure { get; set; }
        public ConcurrentQueue<ResultsPageRequest> RequestLog { get; } = new();
        public IReadOnlyList<ResultsPageRequest> Requests => [.. RequestLog];

        public Task<ResultsPage> GetPageAsync(ResultsPageRequest request, CancellationToken cancellationToken = default)
        {
            RequestLog.Enqueue(request);
            if (Failure is not null)
            {
                return Task.FromException<ResultsPage>(Failure);
            }

            var rows = request.Filter.Search is null ? Rows : [];
            var page = new ResultsPage(rows.Skip(request.Page * request.PageSize).Take(request.PageSize).ToList(),
                Capped && !request.ExactCount ? ResultsPage.CountCap : rows.Count)
            {
                TotalIsLowerBound = Capped && !request.ExactCount,
                Bounds = new ResultsPageBounds(request.Filter, request.SortKey ?? ResultsSortKeys.Id, request.Descending, request.Page, request.PageSize,
                    new SortPosition(null, 1), new SortPosition(null, 2)),
            };
            PageLog.Enqueue(page);
            return Task.FromResult(page);
        }

        /// <summary>Counts stop at the cap unless the request asks for the exact count.</summary>
        public bool Capped { get; set; }

        public ConcurrentQueue<ResultsPage> PageLog { get; } = new();

        public Task<int> CountAsync(ResultsFilter filter, CancellationToken cancellationToken = default) => Task.FromResult(Rows.Count);

        public async IAsyncEnumerable<ResultRow> StreamAsync(ResultsFilter filter, string? sortKey = null, bool descending = false,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var row in Rows)
            {
                await Task.Yield();
                yield return row;
            }
        }
    }
}
