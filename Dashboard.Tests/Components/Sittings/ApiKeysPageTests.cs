using Bunit;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Sittings;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Pages.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Sittings;

public sealed class ApiKeysPageTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly BunitContext _context = ComponentContext.Create();
    private Account _account = default!;

    public async Task InitializeAsync()
    {
        _account = await new WorldBuilder(database).AccountAsync();
        _context.Services.AddDashboardCoreServices((_, options) => TestProvider.Configure(options, database.ConnectionString));
        _context.Services.AddSingleton<TimeProvider>(database.Time);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
    }

    [Fact]
    public async Task AnOwnerCreatesAKeySeesItOnceAndRevokesItAfterConfirming()
    {
        ActAs(Privileges.Owner);
        var dialogs = _context.Render<MudDialogProvider>();
        var page = _context.Render<ApiKeysPage>();
        page.WaitForAssertion(() => Assert.Contains("No API key yet", page.Markup, StringComparison.Ordinal));

        page.Find("input").Input("Delivery platform");
        page.FindAll("button").Single(b => b.TextContent.Contains("Create key", StringComparison.Ordinal)).Click();

        string shownKey = "";
        page.WaitForAssertion(() =>
        {
            shownKey = page.FindAll("input").Select(i => i.GetAttribute("value")).Single(v => v?.StartsWith("rdk_", StringComparison.Ordinal) == true)!;
        });
        await using (var db = database.CreateDbContext(_account.Id))
        {
            Assert.Equal(ApiKeyService.Hash(shownKey), (await db.Set<ApiKey>().SingleAsync()).KeyHash);
        }

        var reopened = _context.Render<ApiKeysPage>();
        reopened.WaitForAssertion(() => Assert.Contains("Delivery platform", reopened.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(shownKey, reopened.Markup, StringComparison.Ordinal);

        reopened.Find("button[aria-label='Revoke Delivery platform']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Systems using it will be refused", dialogs.Markup, StringComparison.Ordinal));
        await using (var db = database.CreateDbContext(_account.Id))
        {
            Assert.Null((await db.Set<ApiKey>().SingleAsync()).RevokedAt);
        }

        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();
        reopened.WaitForAssertion(() => Assert.Contains("Revoked", reopened.Markup, StringComparison.Ordinal));
        await using (var db = database.CreateDbContext(_account.Id))
        {
            Assert.NotNull((await db.Set<ApiKey>().SingleAsync()).RevokedAt);
        }
    }

    [Fact]
    public void AnAdministratorWithoutTheManageAdministratorsPrivilegeSeesNoKeys()
    {
        ActAs(Privileges.Grader);

        var page = _context.Render<ApiKeysPage>();

        Assert.Contains("Only account owners can manage API keys.", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("input"));
    }

    private void ActAs(Privileges privileges) =>
        _context.Services.GetRequiredService<AccountScope>().SetAdministrator(_account.Id, 3, "Olive Owner", privileges);
}
