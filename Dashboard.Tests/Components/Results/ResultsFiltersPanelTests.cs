using System.Text.RegularExpressions;
using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Results;
using Dashboard.Tests.Support;
using Dashboard.Web.Components;
using Dashboard.Web.Components.Pages.Results;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Results;

public sealed partial class ResultsFiltersPanelTests : IAsyncLifetime
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
        Assert.Equal("martin", cut.Find("input[type=search]").GetAttribute("value"));
    }

    [Fact]
    public void TheGroupComboboxAndTheArchivedChipAreMarkupNotComponents()
    {
        // MudAutocomplete brought ~10 components (input control, input, label, adornment, popover, icon…) and MudChip one
        // more, each with two render trees held for as long as the page is open: the panel now has no child component.
        var cut = RenderPanel("/results?group=3&archived=true", new ResultsFilter { GroupId = 3, IncludeArchivedGroups = true });
        Combobox(cut).Click();

        Assert.NotEmpty(cut.FindAll("[role=option]"));
        Assert.Empty(cut.FindComponents<MudAutocomplete<GroupOption>>());
        Assert.Empty(cut.FindComponents<MudInputControl>());
        Assert.Empty(cut.FindComponents<MudInput<string>>());
        Assert.Empty(cut.FindComponents<MudChip<string>>());
        Assert.Empty(cut.FindComponents<ComponentBase>());
        Assert.Equal("Archived group: Old interns", cut.Find("[data-testid=archived-group-chip]").TextContent);
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
            Assert.Equal("combobox", Labelled(cut, "Group").GetAttribute("role"));
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
    public void EveryFilterRoundTripsThroughTheUrl()
    {
        var cut = RenderPanel("/results");
        SelectLabelled(cut, "Test type").Change("Certification");
        var afterType = ParseUrl();
        cut.Render(p => p.Add(c => c.Filter, afterType.Filter));
        Assert.Equal("Certification", SelectLabelled(cut, "Test type").QuerySelector("option[selected]")!.GetAttribute("value"));
        SelectLabelled(cut, "Session").Change("10");
        var afterSession = ParseUrl();
        cut.Render(p => p.Add(c => c.Filter, afterSession.Filter));
        Combobox(cut).Input("east");
        Combobox(cut).KeyDown(Key.Enter);

        var state = ParseUrl();
        Assert.Equal(new ResultsFilter { TestType = TestType.Certification, SessionId = 10, GroupId = 2 }, state.Filter);
    }

    [Fact]
    public void ClickingAnArchivedGroupChoosesItAndAlsoShowsArchivedGroups()
    {
        var cut = RenderPanel("/results");

        Combobox(cut).Input("intern");
        Assert.Equal(["Old interns archived"], OptionTexts(cut));
        cut.Find("[role=option]").Click();

        Assert.Equal("?group=3&archived=true", CurrentUri.Query);
        Assert.Empty(cut.FindAll("[role=listbox]"));
        Assert.Equal("Old interns", Combobox(cut).GetAttribute("value"));
    }

    [Fact]
    public void TheListOfGroupsIsDrawnOnlyWhileOpen()
    {
        var cut = RenderPanel("/results");
        var combobox = Combobox(cut);
        Assert.Equal("false", combobox.GetAttribute("aria-expanded"));
        Assert.Equal("list", combobox.GetAttribute("aria-autocomplete"));
        Assert.Equal("All groups", combobox.GetAttribute("placeholder"));
        Assert.Empty(cut.FindAll("[role=listbox], [role=option]"));

        Combobox(cut).Click();
        Assert.Equal("true", Combobox(cut).GetAttribute("aria-expanded"));
        Assert.Equal(Combobox(cut).GetAttribute("aria-controls"), cut.Find("[role=listbox]").Id);
        Assert.Equal(["Sales", "Sales East", "Old interns archived"], OptionTexts(cut));
        // A sub-group is drawn indented, after an arrow.
        Assert.Empty(cut.FindAll("[role=option]")[0].QuerySelectorAll("svg"));
        Assert.Single(cut.FindAll("[role=option]")[1].QuerySelectorAll("svg"));

        Combobox(cut).Blur();
        Assert.Equal("false", Combobox(cut).GetAttribute("aria-expanded"));
        Assert.Null(Combobox(cut).GetAttribute("aria-activedescendant"));
        Assert.Empty(cut.FindAll("[role=listbox], [role=option]"));
    }

    [Fact]
    public void TypingListsTheMatchingGroupsWithTheirParentsTheFirstMatchActive()
    {
        var cut = RenderPanel("/results");

        Combobox(cut).Input("EAST");

        Assert.Equal(["Sales", "Sales East"], OptionTexts(cut));
        Assert.Equal("Sales East", ActiveOption(cut));
        Assert.Equal("EAST", Combobox(cut).GetAttribute("value"));
        Assert.Equal("/results", CurrentUri.PathAndQuery);
    }

    [Fact]
    public void ArrowsMoveTheActiveGroupAndEnterChoosesIt()
    {
        var cut = RenderPanel("/results?size=50");

        Combobox(cut).KeyDown(Key.Down);
        Assert.Equal(3, cut.FindAll("[role=option]").Count);
        Assert.Null(ActiveOption(cut));
        Combobox(cut).KeyDown(Key.Down);
        Combobox(cut).KeyDown(Key.Down);
        Assert.Equal("Sales East", ActiveOption(cut));
        Combobox(cut).KeyDown(Key.Up);
        Assert.Equal("Sales", ActiveOption(cut));
        Combobox(cut).KeyDown(Key.Up);
        Assert.Equal("Old interns archived", ActiveOption(cut));
        Combobox(cut).KeyDown(Key.Down);
        Combobox(cut).KeyDown(Key.Down);
        Combobox(cut).KeyDown(Key.Enter);

        Assert.Equal("?size=50&group=2", CurrentUri.Query);
        Assert.Empty(cut.FindAll("[role=listbox]"));
        Assert.Equal("Sales East", Combobox(cut).GetAttribute("value"));
    }

    [Fact]
    public void OpeningOnTheChosenGroupListsEveryGroupWithItActive()
    {
        var cut = RenderPanel("/results?group=2", new ResultsFilter { GroupId = 2 });
        Assert.Equal("Sales East", Combobox(cut).GetAttribute("value"));

        Combobox(cut).KeyDown(Key.Down);

        Assert.Equal(3, cut.FindAll("[role=option]").Count);
        Assert.Equal("Sales East", ActiveOption(cut));
    }

    [Fact]
    public void EscapeClosesTheListThenASecondEscapeRestoresTheChosenGroup()
    {
        var cut = RenderPanel("/results?group=1", new ResultsFilter { GroupId = 1 });

        Combobox(cut).Input("Ea");
        Combobox(cut).KeyDown(Key.Escape);
        Assert.Empty(cut.FindAll("[role=listbox]"));
        Assert.Equal("Ea", Combobox(cut).GetAttribute("value"));

        Combobox(cut).KeyDown(Key.Escape);
        Assert.Equal("Sales", Combobox(cut).GetAttribute("value"));
        Assert.Equal("?group=1", CurrentUri.Query);
    }

    [Fact]
    public void LeavingATextThatChoseNothingShowsTheChosenGroupAgain()
    {
        var cut = RenderPanel("/results?group=1", new ResultsFilter { GroupId = 1 });

        Combobox(cut).Input("zzz");
        Assert.Empty(cut.FindAll("[role=option]"));
        Combobox(cut).KeyDown(Key.Enter);
        Combobox(cut).Blur();

        Assert.Equal("Sales", Combobox(cut).GetAttribute("value"));
        Assert.Empty(cut.FindAll("[role=listbox]"));
        Assert.Equal("?group=1", CurrentUri.Query);
    }

    [Fact]
    public void EmptyingTheTextGoesBackToAllGroupsAtOnce()
    {
        var cut = RenderPanel("/results?group=1&size=50", new ResultsFilter { GroupId = 1 });

        Combobox(cut).Input("");

        Assert.Equal("?size=50", CurrentUri.Query);
        Assert.Equal(3, cut.FindAll("[role=option]").Count);
        cut.Render(p => p.Add(c => c.Filter, ParseUrl().Filter));
        Combobox(cut).Blur();
        Assert.Equal("", Combobox(cut).GetAttribute("value") ?? "");
    }

    [Fact]
    public void TheClearButtonGoesBackToAllGroupsAndIsThereOnlyWithText()
    {
        var cut = RenderPanel("/results?group=1&size=50", new ResultsFilter { GroupId = 1 });

        cut.Find("button[aria-label='Clear the group']").Click();

        Assert.Equal("?size=50", CurrentUri.Query);
        Assert.Equal("", Combobox(cut).GetAttribute("value") ?? "");
        Assert.Empty(cut.FindAll("button[aria-label='Clear the group']"));
        Assert.Single(cut.FindAll("button[aria-label='Show the groups']"));
    }

    [Fact]
    public void TheArrowButtonOpensAndClosesTheList()
    {
        var cut = RenderPanel("/results");

        cut.Find("button[aria-label='Show the groups']").Click();
        Assert.Equal(3, cut.FindAll("[role=option]").Count);
        cut.Find("button[aria-label='Show the groups']").Click();
        Assert.Empty(cut.FindAll("[role=listbox]"));
    }

    [Fact]
    public void TheUrlsGroupShowsInTheComboboxOnceTheGroupsAreLoaded()
    {
        Navigation.NavigateTo("/results?group=2");
        var cut = _context.Render<ResultsFiltersPanel>(p => p.Add(c => c.Filter, new ResultsFilter { GroupId = 2 }).Add(c => c.Options, null));
        Assert.Equal("", Combobox(cut).GetAttribute("value") ?? "");

        cut.Render(p => p.Add(c => c.Options, Options));
        Assert.Equal("Sales East", Combobox(cut).GetAttribute("value"));

        // The back button (or Reset) takes the group away.
        cut.Render(p => p.Add(c => c.Filter, ResultsFilter.Default));
        Assert.Equal("", Combobox(cut).GetAttribute("value") ?? "");
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

    private static AngleSharp.Dom.IElement Combobox(IRenderedComponent<ResultsFiltersPanel> cut) => Labelled(cut, "Group");

    /// <summary>The options as a user reads them (an archived group's chip included).</summary>
    private static List<string> OptionTexts(IRenderedComponent<ResultsFiltersPanel> cut) =>
        [.. cut.FindAll("[role=listbox] [role=option]").Select(o => Spaces().Replace(o.TextContent, " ").Trim())];

    /// <summary>The option the combobox points to (aria-activedescendant), the one shown selected.</summary>
    private static string? ActiveOption(IRenderedComponent<ResultsFiltersPanel> cut)
    {
        if (Combobox(cut).GetAttribute("aria-activedescendant") is not { } id)
        {
            Assert.Empty(cut.FindAll("[role=option][aria-selected=true]"));
            return null;
        }

        var option = cut.Find($"#{id}");
        Assert.Equal([option], cut.FindAll("[role=option][aria-selected=true]"));
        return Spaces().Replace(option.TextContent, " ").Trim();
    }

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();

    private static AngleSharp.Dom.IElement SelectLabelled(IRenderedComponent<ResultsFiltersPanel> cut, string label)
    {
        var select = Labelled(cut, label);
        Assert.Equal("SELECT", select.TagName);
        return select;
    }

    private ResultsViewState ParseUrl() => ResultsUrl.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(CurrentUri.Query));
}
