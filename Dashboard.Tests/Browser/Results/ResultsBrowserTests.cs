using System.Text.RegularExpressions;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Live;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Results;

[Trait("Category", "Browser")]
public sealed partial class ResultsBrowserTests(BrowserFixture browser, RunningDashboard app)
    : IClassFixture<BrowserFixture>, IClassFixture<RunningDashboard>
{
    private readonly BrowserFixture _browser = browser;
    private readonly DashboardWebFactory _factory = app.Factory;

    private async Task<ResultsPageObject> OpenResultsAsync(string path = "/results")
    {
        var results = new ResultsPageObject(await _browser.NewPageAsync(_factory.BaseAddress));
        await results.OpenAsync(path);
        return results;
    }

    [Fact]
    public async Task SearchingACandidatesNameShowsOnlyThatCandidatesRows()
    {
        var (lastName, firstName) = await UniquelyNamedCandidateAsync();
        var results = await OpenResultsAsync();
        var everyone = await results.Total.InnerTextAsync();

        await results.SearchAsync($"{lastName} {firstName}");

        await Assertions.Expect(results.Total).Not.ToHaveTextAsync(everyone);
        await Assertions.Expect(results.NameCells.First).ToHaveTextAsync($"{lastName} {firstName}");
        // Every row is that candidate's (waited for: a live refresh may be re-rendering the rows at this moment).
        await Assertions.Expect(results.NameCells.Filter(new() { HasNotTextString = $"{lastName} {firstName}" })).ToHaveCountAsync(0);
        await Assertions.Expect(results.NameCells.First).ToBeVisibleAsync();
        var names = await results.NameCells.AllInnerTextsAsync();

        // The search is in the URL: a reload shows the same rows and fills the box again.
        await results.Page.ReloadAsync();
        await results.LiveIndicator.WaitForAsync();
        await Assertions.Expect(results.SearchBox).ToHaveValueAsync($"{lastName} {firstName}");
        await Assertions.Expect(results.NameCells).ToHaveCountAsync(names.Count);
    }

    /// <summary>A row's Cancel button (markup in the row, heard by the grid's body) opens the dialog for that row.</summary>
    [Fact]
    public async Task ARowsCancelButtonAsksToCancelThatRegistration()
    {
        var results = await OpenResultsAsync("/results?status=ToBeTaken");
        var row = results.Page.Locator(".results-grid tbody tr.mud-table-row").Filter(new() { Has = results.Page.Locator("[data-action=cancel]") }).First;
        var id = await row.Locator("td.col-id").InnerTextAsync();

        await row.Locator("[data-action=cancel]").ClickAsync();

        var dialog = results.Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByText("Cancel this registration?")).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync(id);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AGroupIsChosenWithTheKeyboardAlone()
    {
        var results = await OpenResultsAsync();
        var everyone = await results.Total.InnerTextAsync();
        await results.GroupBox.FocusAsync();

        // Typed at full speed: every key reaches the box while the list follows the text.
        await results.GroupBox.PressSequentiallyAsync("sales");
        await Assertions.Expect(results.GroupBox).ToHaveValueAsync("sales");
        var options = results.GroupList.GetByRole(AriaRole.Option);
        await Assertions.Expect(options).ToHaveTextAsync(["Sales", "Sales North", "Sales South"]);
        var active = results.GroupList.GetByRole(AriaRole.Option, new() { Selected = true });
        await Assertions.Expect(active).ToHaveTextAsync("Sales");

        await results.Page.Keyboard.PressAsync("ArrowDown");
        await results.Page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(active).ToHaveTextAsync("Sales South");
        await Assertions.Expect(results.GroupBox).ToHaveAttributeAsync("aria-activedescendant", await active.GetAttributeAsync("id") ?? "");
        await results.Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(results.Page).ToHaveURLAsync(GroupInUrl());
        await Assertions.Expect(results.GroupList).ToHaveCountAsync(0);
        await Assertions.Expect(results.GroupBox).ToHaveValueAsync("Sales South");
        await Assertions.Expect(results.GroupBox).ToBeFocusedAsync();
        await Assertions.Expect(results.Total).Not.ToHaveTextAsync(everyone);
        await Assertions.Expect(results.Rows.Filter(new() { HasNotTextString = "Sales South" })).ToHaveCountAsync(0);

        // Escape closes the list; a second one puts back the chosen group's name over what was typed.
        await results.Page.Keyboard.PressAsync("Control+A");
        await results.GroupBox.PressSequentiallyAsync("fin");
        await Assertions.Expect(options).ToHaveTextAsync(["Finance"]);
        await results.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(results.GroupList).ToHaveCountAsync(0);
        await Assertions.Expect(results.GroupBox).ToHaveValueAsync("fin");
        await results.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(results.GroupBox).ToHaveValueAsync("Sales South");
        await Assertions.Expect(results.Page).ToHaveURLAsync(GroupInUrl());
    }

    [Fact]
    public async Task PendingGradingReplacesTheResultColumnWithTheGrader()
    {
        var results = await OpenResultsAsync("/clientadmin/AdminResultsWithTable");
        Assert.Contains("Result", await results.ColumnHeadersAsync());

        await results.ChooseStatusAsync("Pending grading");

        await Assertions.Expect(results.Page).ToHaveURLAsync(StatusInUrl());
        await Assertions.Expect(results.Header).ToContainTextAsync("Grader");
        await Assertions.Expect(results.Rows.First).ToBeVisibleAsync();
        var headers = await results.ColumnHeadersAsync();
        Assert.Contains("Grader", headers);
        Assert.DoesNotContain("Result", headers);
        // Pending rows show their grader, not the "No result yet" status chip.
        Assert.Empty(await results.Page.Locator(".results-grid tbody [data-status]").AllInnerTextsAsync());
    }

    [Fact]
    public async Task MudBlazorStylesAreApplied()
    {
        var results = await OpenResultsAsync();

        var appBarBackground = await results.Page.Locator(".mud-appbar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var appBarPosition = await results.Page.Locator(".mud-appbar").EvaluateAsync<string>("e => getComputedStyle(e).position");

        Assert.Equal("rgb(31, 95, 168)", appBarBackground);
        Assert.Equal("fixed", appBarPosition);
    }

    [Fact]
    public async Task AChangedRowRefreshesLiveKeepingSortPageAndSelection()
    {
        var results = await OpenResultsAsync("/results?sort=name&desc=false&page=2&size=10");
        var firstRow = results.Rows.First;
        var id = int.Parse(await firstRow.Locator("td").Nth(1).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await firstRow.Locator("input[type=checkbox]").CheckAsync();
        await Assertions.Expect(results.Page.GetByTestId("results-selected")).ToHaveTextAsync("1 selected");

        // A sitting starts on the delivery side: the row changes in the database and the feed says so.
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(1);
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            var registration = await db.Registrations.SingleAsync(r => r.Id == id);
            registration.AdminComment = "live test";
            registration.IncidentCount = 7;
            await db.SaveChangesAsync();
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        _factory.Services.GetRequiredService<IAccountFeed<ResultsChange>>().Publish(new ResultsChange(1, id, "test", DateTimeOffset.UtcNow));
        await results.Page.WaitForFunctionAsync(
            "() => { const r = document.querySelector('.results-grid tbody tr.row-changed'); return r && r.textContent.includes('7'); }",
            null, new PageWaitForFunctionOptions { PollingInterval = 20, Timeout = 5000 });
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"The row refreshed {stopwatch.ElapsedMilliseconds} ms after the change.");
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), await results.Page.Locator(".results-grid tbody tr.row-changed td").Nth(1).InnerTextAsync());
        await Assertions.Expect(results.Page.Locator(".results-grid tbody tr.row-changed [aria-label='7 incidents']")).ToHaveCountAsync(1);
        await Assertions.Expect(firstRow.Locator("input[type=checkbox]")).ToBeCheckedAsync();
        await Assertions.Expect(results.Page.GetByTestId("results-selected")).ToHaveTextAsync("1 selected");
        Assert.Contains("sort=name&desc=false&page=2&size=10", results.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(results.Page.Locator(".mud-table-pagination-caption").Filter(new LocatorFilterOptions { HasTextString = " of " })).ToContainTextAsync("11-20 of");
    }

    /// <summary>A candidate of the demo account whose name no other candidate, email or subject also contains.</summary>
    private async Task<(string LastName, string FirstName)> UniquelyNamedCandidateAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(1);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var candidates = await db.Candidates.AsNoTracking()
            .Where(c => !c.Group!.IsArchived && (c.Group.ParentGroup == null || !c.Group.ParentGroup.IsArchived))
            .Where(c => db.Registrations.Any(r => r.CandidateId == c.Id))
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.Email })
            .ToListAsync();
        var subjects = await db.Subjects.AsNoTracking().Select(s => s.Name).ToListAsync();
        var haystacks = candidates.ToDictionary(c => c.Id, c => TextFold.Fold($"{c.FirstName} {c.LastName} {c.Email}"));
        var chosen = candidates.First(c =>
        {
            var (last, first) = (TextFold.Fold(c.LastName), TextFold.Fold(c.FirstName));
            return last.Length >= 4 && first.Length >= 3
                && !candidates.Any(o => o.Id != c.Id && haystacks[o.Id].Contains(last, StringComparison.Ordinal) && haystacks[o.Id].Contains(first, StringComparison.Ordinal))
                && !subjects.Any(s => TextFold.Fold(s).Contains(last, StringComparison.Ordinal) || TextFold.Fold(s).Contains(first, StringComparison.Ordinal));
        });
        return (chosen.LastName, chosen.FirstName);
    }

    [GeneratedRegex("group=\\d+")]
    private static partial Regex GroupInUrl();

    [GeneratedRegex("status=PendingGrading")]
    private static partial Regex StatusInUrl();
}
