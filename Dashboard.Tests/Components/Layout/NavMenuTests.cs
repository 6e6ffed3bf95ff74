using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Layout;

/// <summary>
/// The side menu, drawn by one component instead of MudNavMenu's tree: the link of the address is the active one (as
/// NavLink: the Results table only on its own address, another link on its address and below), a group folds and
/// unfolds from its button, and the links follow the administrator's privileges.
/// </summary>
public sealed class NavMenuTests : IAsyncLifetime
{
    private readonly BunitContext _context = ComponentContext.Create();
    private readonly AccountScope _scope = new();

    public NavMenuTests() => _context.Services.AddSingleton(_scope);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<NavMenu> Render(Privileges privileges)
    {
        _scope.SetAdministrator(1, 7, "Grace", privileges);
        return _context.Render<NavMenu>();
    }

    private static List<string> ActiveLinks(IRenderedComponent<NavMenu> cut) =>
        cut.FindAll("a.mud-nav-link.active").Select(a => a.GetAttribute("href") ?? "").ToList();

    [Theory]
    [InlineData("results", "results")]
    [InlineData("results?status=Completed&page=3", "results")]
    [InlineData("results/today", "results/today")]
    [InlineData("results/certificates/", "results/certificates")]
    [InlineData("admin/audit#top", "admin/audit")]
    [InlineData("results/analysis/42", null)]
    public void TheLinkOfTheAddressIsTheOnlyActiveOne(string address, string? active)
    {
        var navigation = _context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(address);

        var cut = Render(Privileges.Owner);

        Assert.Equal(active is null ? [] : [active], ActiveLinks(cut));
        if (active is not null)
        {
            Assert.Equal("page", cut.Find("a.mud-nav-link.active").GetAttribute("aria-current"));
        }
    }

    [Fact]
    public void TheActiveLinkFollowsANavigation()
    {
        var cut = Render(Privileges.Owner);
        var navigation = _context.Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo("results/in-progress");
        cut.WaitForAssertion(() => Assert.Equal(["results/in-progress"], ActiveLinks(cut)));

        navigation.NavigateTo("jobs");
        cut.WaitForAssertion(() => Assert.Equal(["jobs"], ActiveLinks(cut)));
    }

    [Fact]
    public void AGroupFoldsAndUnfoldsFromItsButton()
    {
        var cut = Render(Privileges.Owner);
        var button = cut.Find("button[aria-controls=nav-results]");
        Assert.Equal("true", button.GetAttribute("aria-expanded"));
        Assert.NotNull(cut.Find("a[href='results/today']"));

        button.Click();

        Assert.Equal("false", cut.Find("button[aria-controls=nav-results]").GetAttribute("aria-expanded"));
        Assert.Empty(cut.FindAll("a[href='results/today']"));
        Assert.NotNull(cut.Find("a[href='admin/audit']"));

        cut.Find("button[aria-controls=nav-results]").Click();

        Assert.NotNull(cut.Find("a[href='results/today']"));
    }

    [Fact]
    public void AnAdministratorSeesOnlyTheLinksOfTheirPrivileges()
    {
        var cut = Render(Privileges.ViewResults);

        var links = cut.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(["results", "results/dashboard", "results/today", "results/in-progress", "results/certificates", "results/attestations"], links);
        Assert.Empty(cut.FindAll("button[aria-controls=nav-administration]"));
    }
}
