using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Dashboard.Web.Components;
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
    public void ChoosingAStatusPutsItInTheUrlAndGoesBackToTheFirstPage()
    {
        var cut = RenderPanel("/results?sort=name&desc=false&page=3");

        SelectLabelled(cut, "Test status").Change("PendingGrading");

        Assert.Equal("/results", CurrentUri.AbsolutePath);
        Assert.Equal("?sort=name&desc=false&status=PendingGrading", CurrentUri.Query);
        Assert.False(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void EachSelectOffersAllFirstThenItsChoicesAndShowsTheChosenOne()
    {
        var cut = RenderPanel("/results?status=Completed&session=10", new ResultsFilter { Status = RegistrationStatus.Completed, SessionId = 10 });

        var status = SelectLabelled(cut, "Test status");
        Assert.Equal(["All statuses", .. Enum.GetValues<RegistrationStatus>().Select(s => Labels.For(s))], status.QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Equal("", status.QuerySelector("option")!.GetAttribute("value"));
        Assert.Equal("Completed", status.QuerySelector("option[selected]")!.GetAttribute("value"));

        Assert.Equal(["All types", .. Enum.GetValues<TestType>().Select(t => Labels.For(t))], SelectLabelled(cut, "Test type").QuerySelectorAll("option").Select(o => o.TextContent));

        var session = SelectLabelled(cut, "Session");
        Assert.Equal(["All sessions", "November session"], session.QuerySelectorAll("option").Select(o => o.TextContent));
        Assert.Equal("November session", session.QuerySelector("option[selected]")!.TextContent);
    }

    [Fact]
    public void ChoosingAllAgainTakesTheFilterOutOfTheUrl()
    {
        var cut = RenderPanel("/results?type=Certification&size=50", new ResultsFilter { TestType = TestType.Certification });

        SelectLabelled(cut, "Test type").Change("");

        Assert.Equal("?size=50", CurrentUri.Query);
    }

    [Fact]
    public void ThePanelDrawsItsInputsWithoutMudBlazorInputComponents()
    {
        // Every open Results page keeps its components, two render trees each: a MudTextField, MudSelect or MudSwitch
        // brought ~10 of them. The panel draws their markup around native controls instead.
        var cut = RenderPanel("/results", new ResultsFilter { Search = "martin", SessionId = 10 });

        Assert.Empty(cut.FindComponents<MudTextField<string>>());
        Assert.Empty(cut.FindComponents<MudSelect<RegistrationStatus?>>());
        Assert.Empty(cut.FindComponents<MudSelect<TestType?>>());
        Assert.Empty(cut.FindComponents<MudSelect<int?>>());
        Assert.Empty(cut.FindComponents<MudSwitch<bool>>());
        // Nor the panel's frame and its header's buttons (paper, text, spacer, buttons and their icons).
        Assert.Empty(cut.FindComponents<MudPaper>());
        Assert.Empty(cut.FindComponents<MudButton>());
        Assert.Equal(["Filters (2)", "Reset"], cut.FindAll(".results-filters-header button").Select(b => b.TextContent.Trim()));
        Assert.Equal("Reset filters", cut.FindAll(".results-filters-header button")[1].GetAttribute("aria-label"));
        // The group's autocomplete stays (a searched tree of groups): its input control is the only one.
        Assert.Single(cut.FindComponents<MudAutocomplete<GroupOption>>());
        Assert.Single(cut.FindComponents<MudInputControl>());
        Assert.Equal("martin", cut.Find("input[type=search]").GetAttribute("value"));
    }

    [Fact]
    public void EveryLabelNamesItsOwnControlAndTwoPanelsDoNotShareIds()
    {
        var first = RenderPanel("/results");
        var second = _context.Render<ResultsFiltersPanel>(p => p.Add(c => c.Filter, ResultsFilter.Default).Add(c => c.Options, Options));

        foreach (var cut in new[] { first, second })
        {
            Assert.Equal("search", Labelled(cut, "Search").GetAttribute("type"));
            Assert.Equal("SELECT", Labelled(cut, "Test status").TagName);
            Assert.Equal("SELECT", Labelled(cut, "Test type").TagName);
            Assert.Equal("SELECT", Labelled(cut, "Session").TagName);
            Assert.Equal("switch", Labelled(cut, "Include archived groups").GetAttribute("role"));
        }

        var ids = first.FindAll("input[id], select[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(ids.Intersect(second.FindAll("input[id], select[id]").Select(e => e.Id)));
    }

    [Fact]
    public async Task TypingASearchWritesItToTheUrlAfterThePauseReplacingTheHistoryEntry()
    {
        var cut = RenderPanel("/results/today");
        var before = Navigation.History.Count;
        var navigated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Navigation.LocationChanged += (_, e) => navigated.TrySetResult(e.Location);

        Labelled(cut, "Search").Input("Beno");
        Labelled(cut, "Search").Input("Benoît O'Neil");

        // Nothing is written while typing; once the typing pauses, one navigation with the whole text.
        Assert.Equal(before, Navigation.History.Count);
        await navigated.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("?q=Beno%C3%AEt%20O%27Neil", CurrentUri.Query);
        Assert.Equal("/results/today", CurrentUri.AbsolutePath);
        Assert.Equal(before, Navigation.History.Count);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
    }

    [Fact]
    public void TheSearchFollowsTheUrlWithoutOverwritingWhatIsBeingTyped()
    {
        var cut = RenderPanel("/results?q=mar", new ResultsFilter { Search = "mar" });
        Assert.Equal("mar", Labelled(cut, "Search").GetAttribute("value"));

        // The page draws the panel again (a live update, say) while "martin" is typed and not applied yet.
        Labelled(cut, "Search").Input("martin");
        cut.Render(p => p.Add(c => c.Filter, new ResultsFilter { Search = "mar" }));
        Assert.Equal("martin", Labelled(cut, "Search").GetAttribute("value"));

        // The back button (or a link) brings another search: the box shows it.
        cut.Render(p => p.Add(c => c.Filter, new ResultsFilter { Search = "dupont" }));
        Assert.Equal("dupont", Labelled(cut, "Search").GetAttribute("value"));
        cut.Render(p => p.Add(c => c.Filter, ResultsFilter.Default));
        Assert.Equal("", Labelled(cut, "Search").GetAttribute("value") ?? "");
    }

    [Fact]
    public void TheClearButtonEmptiesTheSearchAtOnceAndIsThereOnlyWithText()
    {
        var cut = RenderPanel("/results?q=martin&size=50", new ResultsFilter { Search = "martin" });

        cut.Find("button[aria-label='Clear the search']").Click();

        Assert.Equal("?size=50", CurrentUri.Query);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
        Assert.Equal("", Labelled(cut, "Search").GetAttribute("value") ?? "");
        Assert.Empty(cut.FindAll("button[aria-label='Clear the search']"));

        Labelled(cut, "Search").Input("d");
        Assert.Single(cut.FindAll("button[aria-label='Clear the search']"));
    }

    [Fact]
    public async Task EveryFilterRoundTripsThroughTheUrl()
    {
        var cut = RenderPanel("/results");
        SelectLabelled(cut, "Test type").Change("Certification");
        var afterType = ParseUrl();
        cut.Render(p => p.Add(c => c.Filter, afterType.Filter));
        Assert.Equal("Certification", SelectLabelled(cut, "Test type").QuerySelector("option[selected]")!.GetAttribute("value"));
        SelectLabelled(cut, "Session").Change("10");
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

        var archived = Labelled(cut, "Include archived groups");
        Assert.Equal("false", archived.GetAttribute("aria-checked"));
        archived.Change(true);

        Assert.Equal("?archived=true", CurrentUri.Query);
        cut.Render(p => p.Add(c => c.Filter, ParseUrl().Filter));
        Assert.True(Labelled(cut, "Include archived groups").HasAttribute("checked"));
        Assert.Equal("true", Labelled(cut, "Include archived groups").GetAttribute("aria-checked"));
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

        Assert.DoesNotContain(cut.FindAll("label"), l => l.TextContent.Trim() == "Test status");
        Assert.NotNull(Labelled(cut, "Test type"));
    }

    /// <summary>The control a label names through its for attribute, as a screen reader (and GetByLabel) finds it.</summary>
    private static AngleSharp.Dom.IElement Labelled(IRenderedComponent<ResultsFiltersPanel> cut, string label)
    {
        var id = cut.FindAll("label[for]").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return cut.Find($"#{id}");
    }

    private static AngleSharp.Dom.IElement SelectLabelled(IRenderedComponent<ResultsFiltersPanel> cut, string label)
    {
        var select = Labelled(cut, label);
        Assert.Equal("SELECT", select.TagName);
        return select;
    }

    private ResultsViewState ParseUrl() => ResultsUrl.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(CurrentUri.Query));
}
