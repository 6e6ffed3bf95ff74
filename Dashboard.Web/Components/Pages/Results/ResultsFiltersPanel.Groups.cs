using Dashboard.Core.Results;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Results;

/// <summary>
/// The group's combobox (WAI-ARIA 1.2, list autocomplete): typing filters the tree of groups, arrows move the active
/// option, Enter or a click chooses, Escape closes then restores the text. MudAutocomplete did this with ~10 components
/// held by every open Results page; here the state is the text, the open list's groups and the active one.
/// </summary>
public sealed partial class ResultsFiltersPanel
{
    private const string OptionClass = "mud-list-item mud-list-item-gutters mud-list-item-clickable";
    private const string ActiveOptionClass = OptionClass + " mud-selected-item mud-primary-text mud-primary-hover";

    private static readonly MarkupString GroupsClosedIcon = SvgIcon.InButton(Icons.Material.Filled.ArrowDropDown, "mud-icon-size-medium");
    private static readonly MarkupString GroupsOpenIcon = SvgIcon.InButton(Icons.Material.Filled.ArrowDropUp, "mud-icon-size-medium");
    private static readonly MarkupString SubGroupIcon = SvgIcon.Of(Icons.Material.Filled.SubdirectoryArrowRight, "mud-icon-size-small mud-text-secondary");
    private static readonly string[] Indents = [.. Enumerable.Range(0, 8).Select(depth => $"padding-inline-start:{depth * 16}px")];

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private ElementReference _groupInput;

    /// <summary>What the input shows: the chosen group's name, or what is being typed.</summary>
    private string? _groupText;

    /// <summary>The chosen group's name as last drawn from the filter; a new one (URL, options loaded) replaces the text.</summary>
    private string? _chosenGroupName;

    /// <summary>The groups listed while the list is open; null when closed (then the list has no frame at all).</summary>
    private IReadOnlyList<GroupOption>? _groupMatches;

    private int _activeGroup = -1;
    private bool _scrollToActiveGroup;

    private string? ActiveGroupOptionId => _groupMatches is not null && _activeGroup >= 0 ? GroupOptionId(_activeGroup) : null;

    private string GroupOptionId(int index) => $"{_groupListId}-{index}";

    private static string Indent(int depth) => depth < Indents.Length ? Indents[depth] : $"padding-inline-start:{depth * 16}px";

    private void FollowChosenGroup()
    {
        var chosen = SelectedGroup?.Name;
        if (chosen != _chosenGroupName)
        {
            _chosenGroupName = chosen;
            _groupText = chosen;
            _groupMatches = null;
        }
    }

    /// <summary>A keystroke: the list follows the text; an emptied text goes back to all groups at once.</summary>
    private void OnGroupInput(string? text)
    {
        _groupText = text;
        ShowGroups();
        if (string.IsNullOrEmpty(text))
        {
            OnGroupChanged(null);
        }
    }

    private void OpenGroups()
    {
        if (_groupMatches is null)
        {
            ShowGroups();
        }
        else
        {
            _skipRender = true;
        }
    }

    /// <summary>
    /// Every group while the text is empty or the chosen group's name (the chosen one active), else the matches with
    /// their parents so the indentation still reads as a tree (the first match active).
    /// </summary>
    private void ShowGroups()
    {
        var groups = Options?.Groups ?? [];
        var text = _groupText?.Trim();
        if (string.IsNullOrEmpty(text) || _groupText == _chosenGroupName)
        {
            _groupMatches = groups;
            _activeGroup = Filter.GroupId is { } id ? IndexOf(groups, g => g.Id == id) : -1;
        }
        else
        {
            var ids = groups.Where(g => Matches(g, text)).Select(g => g.Id).ToHashSet();
            var parents = groups.Where(g => ids.Contains(g.Id) && g.ParentGroupId is not null).Select(g => g.ParentGroupId!.Value).ToHashSet();
            var matches = groups.Where(g => ids.Contains(g.Id) || parents.Contains(g.Id)).ToList();
            _groupMatches = matches;
            _activeGroup = IndexOf(matches, g => Matches(g, text));
        }

        _scrollToActiveGroup = _activeGroup > 0;
    }

    private static bool Matches(GroupOption group, string text) => group.Name.Contains(text, StringComparison.CurrentCultureIgnoreCase);

    private static int IndexOf(IReadOnlyList<GroupOption> groups, Func<GroupOption, bool> predicate)
    {
        for (var i = 0; i < groups.Count; i++)
        {
            if (predicate(groups[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Only the keys that work the list; the others are typing, and the input event that follows draws the list.</summary>
    private void OnGroupKeyDown(KeyboardEventArgs e)
    {
        var open = _groupMatches;
        switch (e.Key)
        {
            case "ArrowDown" or "ArrowUp" or "Enter" or "NumpadEnter" when open is null:
                ShowGroups();
                break;
            case "ArrowDown" or "ArrowUp" when open!.Count > 0:
                var step = e.Key == "ArrowDown" ? 1 : -1;
                _activeGroup = _activeGroup < 0 && step < 0 ? open.Count - 1 : (_activeGroup + step + open.Count) % open.Count;
                _scrollToActiveGroup = true;
                break;
            case "Enter" or "NumpadEnter" when _activeGroup >= 0 && _activeGroup < open!.Count:
                ChooseGroup(open[_activeGroup]);
                break;
            case "Escape" when open is not null:
                _groupMatches = null;
                break;
            case "Escape":
                _groupText = _chosenGroupName;
                break;
            default:
                _skipRender = true;
                break;
        }
    }

    /// <summary>Leaving (Tab, a click elsewhere) closes the list; a text that chose nothing gives way to the chosen group's name.</summary>
    private void OnGroupBlur(FocusEventArgs e)
    {
        var text = string.IsNullOrEmpty(_groupText) ? _groupText : _chosenGroupName;
        _skipRender = _groupMatches is null && text == _groupText;
        _groupMatches = null;
        _groupText = text;
    }

    private async Task ToggleGroupsAsync()
    {
        if (_groupMatches is null)
        {
            ShowGroups();
            await _groupInput.FocusAsync();
        }
        else
        {
            _groupMatches = null;
        }
    }

    private void ChooseGroup(GroupOption group)
    {
        _groupMatches = null;
        _groupText = group.Name;
        OnGroupChanged(group);
    }

    private async Task ClearGroupAsync()
    {
        _groupMatches = null;
        _groupText = null;
        OnGroupChanged(null);
        await _groupInput.FocusAsync();
    }

    private void OnGroupChanged(GroupOption? group)
    {
        _chosenGroupName = group?.Name;
        if (group?.Id == Filter.GroupId)
        {
            return;
        }

        // Picking an archived group (or one under an archived parent) only makes sense with archived groups shown.
        Apply(Filter with { GroupId = group?.Id, IncludeArchivedGroups = Filter.IncludeArchivedGroups || (group is not null && IsUnderArchive(group)) });
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_scrollToActiveGroup && ActiveGroupOptionId is { } id)
        {
            _scrollToActiveGroup = false;
            await JS.InvokeVoidAsync("dashboardScrollIntoView", id);
        }
    }
}
