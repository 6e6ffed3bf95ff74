using Bunit;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Tests.Components.Localization;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Layout;
using Dashboard.Web.Components.Pages.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Accounts;

public sealed class AuditLogPageTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private AccountsComponentContext? _context;
    private Account _account = default!;
    private Administrator _owner = default!;
    private Administrator _viewer = default!;

    public async Task InitializeAsync()
    {
        (_account, _owner, _viewer) = await new AccountsBuilder(database).OwnerAndViewerAsync();
        // A real privilege change, so the entry is written the way the app writes it.
        await using var scope = database.CreateScope(_owner);
        await scope.ServiceProvider.GetRequiredService<AdministratorService>()
            .SetPrivilegesAsync(_viewer.Id, Privileges.Viewer | Privileges.Export, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    [Fact]
    public void AnOwnerReadsWhoChangedWhatWithBeforeAndAfter()
    {
        using var english = FrenchHarness.English();
        _context = new AccountsComponentContext(database, _owner);
        _context.RenderProviders();

        var page = _context.Bunit.Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        var row = page.Find("tbody tr").TextContent;
        Assert.Contains("Olivia Owner", row);
        Assert.Contains("Privilege change", row);
        Assert.Contains("Privileges: View results → View results, Export", row);
        Assert.Contains("27/11/2026 11:00:00", row); // 10:00 UTC in the account's Paris time, day first as en-GB writes it
        Assert.Contains("When (Europe/Paris)", page.Find("thead").TextContent);
    }

    [Fact]
    public void InFrenchTheEntryReadsInFrenchThoughItWasRecordedInEnglish()
    {
        using var french = FrenchHarness.French();
        _context = new AccountsComponentContext(database, _owner);
        _context.RenderProviders();

        var page = _context.Bunit.Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        var row = page.Find("tbody tr").TextContent;
        Assert.Contains("Droits\u00a0: Voir les résultats → Voir les résultats, Exporter", row);
        Assert.Contains("27/11/2026 11:00:00", row);
        var leftovers = FrenchHarness.EnglishLeftovers(page.Markup);
        Assert.True(leftovers.Count == 0, string.Join("\n", leftovers));
    }

    [Fact]
    public void AViewerSeesNeitherEntriesNorFilters()
    {
        _context = new AccountsComponentContext(database, _viewer);

        var page = _context.Bunit.Render<AuditLogPage>();

        Assert.Contains("You do not have access to this page", page.Markup);
        Assert.DoesNotContain("Olivia Owner", page.Markup);
        Assert.Empty(page.FindAll("table"));
    }

    [Theory]
    [InlineData(Privileges.Owner, true)]
    [InlineData(Privileges.Grader, false)]
    [InlineData(Privileges.Viewer, false)]
    public async Task TheAdministrationMenuIsShownOnlyToThoseWhoManageAdministrators(Privileges privileges, bool shown)
    {
        var actor = await new AccountsBuilder(database).AdministratorAsync(_account, privileges);
        _context = new AccountsComponentContext(database, actor);

        var menu = _context.Bunit.Render<NavMenu>();

        Assert.Equal(shown, menu.Markup.Contains("admin/audit", StringComparison.Ordinal));
        Assert.Equal(shown, menu.Markup.Contains("admin/administrators", StringComparison.Ordinal));
        Assert.Contains("Results table", menu.Markup);
    }
}
