using Microsoft.Playwright;

namespace Dashboard.Tests.Browser.Results;

/// <summary>The Results page as a user sees it: the filter panel, the grid, its header and rows.</summary>
internal sealed class ResultsPageObject(IPage page)
{
    public IPage Page { get; } = page;

    private ILocator Grid => Page.Locator(".results-grid");

    public ILocator Header => Grid.Locator("thead");

    public ILocator Rows => Grid.Locator("tbody tr.mud-table-row");

    public ILocator NameCells => Grid.Locator("tbody .candidate-name");

    public ILocator LiveIndicator => Page.GetByTestId("live-indicator");

    public ILocator Total => Page.GetByTestId("results-total");

    // Exact: the clear button next to it is labelled "Clear the search".
    public ILocator SearchBox => Page.GetByLabel("Search", new PageGetByLabelOptions { Exact = true });

    public ILocator GroupBox => Page.GetByRole(AriaRole.Combobox, new PageGetByRoleOptions { Name = "Group", Exact = true });

    /// <summary>The group combobox's list: there only while open.</summary>
    public ILocator GroupList => Page.GetByRole(AriaRole.Listbox, new PageGetByRoleOptions { Name = "Group", Exact = true });

    /// <summary>Opens the page, signing in as the demo owner when the app asks for it (a fresh browser context).</summary>
    public async Task OpenAsync(string path = "/results")
    {
        await Page.GotoAsync(path);
        if (Page.Url.Contains("/account/login", StringComparison.OrdinalIgnoreCase))
        {
            await new Dashboard.Tests.Browser.Pages.SignInPage(Page).SignInAsync(Dashboard.Tests.Browser.Pages.SignInPage.DemoOwnerEmail, Dashboard.Tests.Browser.Pages.SignInPage.DemoPassword);
        }

        // The Live chip only renders in the interactive circuit: from then on clicks and typing count.
        await LiveIndicator.WaitForAsync();
        await Rows.First.WaitForAsync();
    }

    /// <summary>Types like a user and waits for the grid to show the searched view (debounce, URL, reload).</summary>
    public async Task SearchAsync(string text)
    {
        await SearchBox.PressSequentiallyAsync(text, new LocatorPressSequentiallyOptions { Delay = 30 });
        await Page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
    }

    /// <summary>Picks a status by its text in the Test status select (a native select, as the keyboard or a phone's picker would).</summary>
    public async Task ChooseStatusAsync(string status) =>
        await Page.GetByLabel("Test status", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = status });

    public async Task<IReadOnlyList<string>> ColumnHeadersAsync() =>
        (await Grid.Locator("thead th").AllInnerTextsAsync()).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
}
