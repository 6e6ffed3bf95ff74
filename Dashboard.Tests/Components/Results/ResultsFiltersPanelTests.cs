using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Results;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Results;

public sealed class ResultsFiltersPanelTests : IAsyncLifetime
{
    private static readonly ResultsFilterOptions Options = new(
        [
            new GroupOption(1, "Sales", null, false, 0),
            new GroupOption(2, "Sales East", 1, false, 1),
            new GroupOption(3, "Old interns", null, true, 0),
        ],
        [new SessionOption(10, "November session", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30))],
        [new SubjectOption(5, "Excel")],
        AccountCalendar.For("Europe/Paris"));

    private readonly BunitContext _context = ComponentContext.Create();

    private BunitNavigationManager Navigation => _context.Services.GetRequiredService<BunitNavigationManager>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<ResultsFiltersPanel> RenderPanel(string url, ResultsFilter? filter = null)
    {
        Navigation.NavigateTo(url);
        return _context.Render<ResultsFiltersPanel>(p => p
            .Add(c => c.Filter, filter ?? ResultsFilter.Default)
            .Add(c => c.Options, Options));
    }

    private Uri CurrentUri => new(Navigation.Uri);

    [Fact]
    public async Task ChoosingAStatusPutsItInTheUrlAndGoesBackToTheFirstPage()
    {
        var cut = RenderPanel("/results?sort=name&desc=false&page=3");

        var select = cut.FindComponent<MudSelect<RegistrationStatus?>>();
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(RegistrationStatus.PendingGrading));

        Assert.Equal("/results", CurrentUri.AbsolutePath);
        Assert.Equal("?sort=name&desc=false&status=PendingGrading", CurrentUri.Query);
        Assert.False(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public async Task AClosedSelectHoldsNoItemsAndOpeningItListsThem()
    {
        // Every open Results page keeps its components: a closed select's items (MudSelect keeps each one as a
        // component) would be held by every circuit for nothing.
        _context.Render<MudPopoverProvider>();
        var cut = RenderPanel("/results", new ResultsFilter { SessionId = 10 });

        Assert.Empty(cut.FindComponents<MudSelectItem<int?>>());
        Assert.Empty(cut.FindComponents<MudSelectItem<RegistrationStatus?>>());
        Assert.Empty(cut.FindComponents<MudSelectItem<TestType?>>());
        Assert.Contains("November session", cut.Markup, StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int?>>().Instance.OpenMenu());

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindComponents<MudSelectItem<int?>>().Count));
        Assert.Empty(cut.FindComponents<MudSelectItem<RegistrationStatus?>>());
    }

    [Fact]
    public void TypingASearchWritesItToTheUrlAfterThePauseReplacingTheHistoryEntry()
    {
        var cut = RenderPanel("/results/today");
        var before = Navigation.History.Count;

        cut.Find("input").Input("Benoît O'Neil");

        Assert.Equal(before, Navigation.History.Count);
        cut.WaitForAssertion(() => Assert.Equal("?q=Beno%C3%AEt%20O%27Neil", CurrentUri.Query), TimeSpan.FromSeconds(3));
        Assert.Equal("/results/today", CurrentUri.AbsolutePath);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public async Task EveryFilterRoundTripsThroughTheUrl()
    {
        var cut = RenderPanel("/results");
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<TestType?>>().Instance.ValueChanged.InvokeAsync(TestType.Certification));
        var afterType = ParseUrl();
        cut.Render(p => p.Add(c => c.Filter, afterType.Filter));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(10));
        var afterSession = ParseUrl();
        cut.Render(p => p.Add(c => c.Filter, afterSession.Filter));
        await cut.InvokeAsync(() => cut.FindComponent<MudAutocomplete<GroupOption>>().Instance.ValueChanged.InvokeAsync(Options.Groups[1]));

        var state = ParseUrl();
        Assert.Equal(new ResultsFilter { TestType = TestType.Certification, SessionId = 10, GroupId = 2 }, state.Filter);
    }

    [Fact]
    public async Task PickingAnArchivedGroupAlsoShowsArchivedGroups()
    {
        var cut = RenderPanel("/results");

        await cut.InvokeAsync(() => cut.FindComponent<MudAutocomplete<GroupOption>>().Instance.ValueChanged.InvokeAsync(Options.Groups[2]));

        Assert.Equal("?group=3&archived=true", CurrentUri.Query);
    }

    [Fact]
    public void TheArchivedSwitchWritesToTheUrl()
    {
        var cut = RenderPanel("/results");

        cut.Find(".mud-switch input").Change(true);

        Assert.Equal("?archived=true", CurrentUri.Query);
    }

    [Fact]
    public void ResetRemovesEveryFilterButKeepsTheSortAndPageSize()
    {
        var filter = new ResultsFilter { Search = "martin", Status = RegistrationStatus.Completed, GroupId = 1, IncludeArchivedGroups = true };
        var cut = RenderPanel("/results?q=martin&status=Completed&group=1&archived=true&sort=name&size=50&page=2", filter);

        cut.Find("button[aria-label='Reset filters']").Click();

        Assert.Equal("?sort=name&size=50", CurrentUri.Query);
    }

    [Fact]
    public void TheStatusChoiceIsHiddenWhereAPresetFixesIt()
    {
        Navigation.NavigateTo("/results/in-progress");
        var cut = _context.Render<ResultsFiltersPanel>(p => p
            .Add(c => c.Filter, ResultsFilter.Default).Add(c => c.Options, Options).Add(c => c.HideStatus, true));

        Assert.Empty(cut.FindComponents<MudSelect<RegistrationStatus?>>());
    }

    private ResultsViewState ParseUrl() => ResultsUrl.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(CurrentUri.Query));
}
