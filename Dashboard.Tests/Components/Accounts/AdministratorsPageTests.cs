using Bunit;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.Admin;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Components.Accounts;

public sealed class AdministratorsPageTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private AccountsComponentContext? _context;
    private Account _account = default!;
    private Administrator _owner = default!;
    private Administrator _viewer = default!;

    public async Task InitializeAsync()
    {
        _account = await new WorldBuilder(database).AccountAsync();
        var accounts = new AccountsBuilder(database);
        _owner = await accounts.AdministratorAsync(_account, Privileges.Owner, name: "Olivia Owner");
        _viewer = await accounts.AdministratorAsync(_account, Privileges.Viewer, name: "Victor Viewer");
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    private AccountsComponentContext ContextFor(Administrator actor) => _context = new AccountsComponentContext(database, actor);

    [Fact]
    public void AnOwnerSeesEveryAdministratorOfTheAccountWithAnEditButton()
    {
        var context = ContextFor(_owner);

        var page = context.Bunit.Render<AdministratorsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        Assert.Contains("Victor Viewer", page.Markup);
        Assert.Contains("View results", page.Markup);
        Assert.Equal(2, page.FindAll("button").Count(b => b.TextContent.Contains("Edit privileges")));
    }

    [Fact]
    public void AViewerSeesNoAdministratorsAndNoEditButtons()
    {
        var context = ContextFor(_viewer);

        var page = context.Bunit.Render<AdministratorsPage>();

        Assert.Contains("You do not have access to this page", page.Markup);
        Assert.DoesNotContain("Olivia Owner", page.Markup);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Edit privileges"));
    }

    [Fact]
    public async Task EditingPrivilegesAsksForConfirmationThenSaves()
    {
        var context = ContextFor(_owner);
        var dialogs = context.RenderProviders();
        var page = context.Bunit.Render<AdministratorsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        page.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Edit privileges of Victor Viewer").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Privileges of Victor Viewer", dialogs.Markup));
        CheckBox(dialogs, "Export").Change(true);
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("Review change")).Click();

        dialogs.WaitForAssertion(() => Assert.Contains("View results, Export", dialogs.Find("[data-testid=confirm-summary]").ParentElement!.TextContent));
        Assert.Equal(Privileges.Viewer, await PrivilegesOfAsync(_viewer));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Confirm").Click();

        page.WaitForAssertion(() => Assert.Contains("View results, Export", page.Find("tbody").TextContent));
        Assert.Equal(Privileges.Viewer | Privileges.Export, await PrivilegesOfAsync(_viewer));
    }

    [Fact]
    public void AnOwnerCannotUntickTheirOwnManageAdministratorsBox()
    {
        var context = ContextFor(_owner);
        var dialogs = context.RenderProviders();
        var page = context.Bunit.Render<AdministratorsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        page.FindAll("button").Single(b => b.GetAttribute("aria-label") == "Edit privileges of Olivia Owner").Click();

        dialogs.WaitForAssertion(() => Assert.True(CheckBox(dialogs, "Manage administrators").HasAttribute("disabled")));
        Assert.Contains("You cannot remove this from yourself", dialogs.Markup);
        Assert.False(CheckBox(dialogs, "Export").HasAttribute("disabled"));
    }

    private static AngleSharp.Dom.IElement CheckBox(IRenderedComponent<MudBlazor.MudDialogProvider> dialogs, string label) =>
        dialogs.FindAll("label").Single(l => l.TextContent.Trim() == label).QuerySelector("input[type=checkbox]")!;

    private async Task<Privileges> PrivilegesOfAsync(Administrator admin)
    {
        await using var db = database.CreateDbContext(null);
        return await db.Users.Where(a => a.Id == admin.Id).Select(a => a.Privileges).SingleAsync();
    }
}
