using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Accounts;

public sealed class AdministratorServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly WorldBuilder _world = new(database);
    private readonly AccountsBuilder _accounts = new(database);

    private AsyncServiceScope ScopeOf(Administrator admin, Privileges? privileges = null) =>
        database.CreateScope(admin, privileges);

    private static AdministratorService Service(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AdministratorService>();

    private async Task<Administrator> ReloadAsync(Administrator admin)
    {
        await using var db = database.CreateDbContext(null);
        return await db.Users.AsNoTracking().SingleAsync(a => a.Id == admin.Id);
    }

    [Fact]
    public async Task AnOwnerListsOnlyTheAdministratorsOfTheirAccount()
    {
        var account = await _world.AccountAsync();
        var owner = await _accounts.AdministratorAsync(account, Privileges.Owner, name: "Olivia Owner");
        var grader = await _accounts.AdministratorAsync(account, Privileges.Grader, name: "Gaston Grader");
        var stranger = await _accounts.AdministratorAsync(await _world.AccountAsync("Globex"), Privileges.Owner);
        await using var scope = ScopeOf(owner);

        var rows = await Service(scope).ListAsync(CancellationToken.None);

        Assert.Equal(["Gaston Grader", "Olivia Owner"], rows.Select(r => r.DisplayName));
        Assert.DoesNotContain(rows, r => r.Id == stranger.Id);
        Assert.True(rows.Single(r => r.Id == owner.Id).IsSelf);
        Assert.Equal(Privileges.Grader, rows.Single(r => r.Id == grader.Id).Privileges);
    }

    [Fact]
    public async Task AnOwnerChangesPrivilegesAndTheChangeIsAuditedWithBeforeAndAfter()
    {
        var account = await _world.AccountAsync();
        var owner = await _accounts.AdministratorAsync(account, Privileges.Owner);
        var grader = await _accounts.AdministratorAsync(account, Privileges.Grader, name: "Gaston Grader");
        await using var scope = ScopeOf(owner);

        await Service(scope).SetPrivilegesAsync(grader.Id, Privileges.Grader | Privileges.Export, CancellationToken.None);

        Assert.Equal(Privileges.Grader | Privileges.Export, (await ReloadAsync(grader)).Privileges);
        await using var db = database.CreateDbContext(account.Id);
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditLog.Actions.PrivilegeChange);
        Assert.Equal(owner.Id, entry.AdministratorId);
        Assert.Contains(new AuditChange("Privileges", "ViewResults, Grade", "ViewResults, Export, Grade"),
            AuditQuery.Changes(entry.Before, entry.After));
        Assert.Contains("Gaston Grader", entry.Detail);
    }

    [Fact]
    public async Task ChangingPrivilegesRenewsTheSecurityStampSoSessionsAreRevalidated()
    {
        var account = await _world.AccountAsync();
        var owner = await _accounts.AdministratorAsync(account, Privileges.Owner);
        var viewer = await _accounts.AdministratorAsync(account, Privileges.Viewer);
        var stampBefore = (await ReloadAsync(viewer)).SecurityStamp;
        await using var scope = ScopeOf(owner);

        await Service(scope).SetPrivilegesAsync(viewer.Id, Privileges.Grader, CancellationToken.None);

        Assert.NotEqual(stampBefore, (await ReloadAsync(viewer)).SecurityStamp);
    }

    [Fact]
    public async Task SavingTheSamePrivilegesChangesNothingAndIsNotAudited()
    {
        var account = await _world.AccountAsync();
        var owner = await _accounts.AdministratorAsync(account, Privileges.Owner);
        var viewer = await _accounts.AdministratorAsync(account, Privileges.Viewer);
        var stampBefore = (await ReloadAsync(viewer)).SecurityStamp;
        await using var scope = ScopeOf(owner);

        await Service(scope).SetPrivilegesAsync(viewer.Id, Privileges.Viewer, CancellationToken.None);

        Assert.Equal(stampBefore, (await ReloadAsync(viewer)).SecurityStamp);
        await using var db = database.CreateDbContext(account.Id);
        Assert.False(await db.AuditEntries.AnyAsync());
    }

    [Fact]
    public async Task AnOwnerCannotRemoveTheirOwnManageAdministratorsPrivilege()
    {
        var account = await _world.AccountAsync();
        var owner = await _accounts.AdministratorAsync(account, Privileges.Owner);
        await using var scope = ScopeOf(owner);

        var error = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Service(scope).SetPrivilegesAsync(owner.Id, Privileges.Owner & ~Privileges.ManageAdministrators, CancellationToken.None));

        Assert.StartsWith("You cannot remove your own Manage administrators privilege", error.Message);
        Assert.Equal(Privileges.Owner, (await ReloadAsync(owner)).Privileges);
    }

    [Fact]
    public async Task AnOwnerMayChangeTheirOtherPrivileges()
    {
        var account = await _world.AccountAsync();
        var owner = await _accounts.AdministratorAsync(account, Privileges.Owner);
        await using var scope = ScopeOf(owner);

        await Service(scope).SetPrivilegesAsync(owner.Id, Privileges.ViewResults | Privileges.ManageAdministrators, CancellationToken.None);

        Assert.Equal(Privileges.ViewResults | Privileges.ManageAdministrators, (await ReloadAsync(owner)).Privileges);
    }

    [Theory]
    [InlineData(Privileges.Viewer)]
    [InlineData(Privileges.Grader)]
    [InlineData(Privileges.Owner & ~Privileges.ManageAdministrators)]
    public async Task WithoutManageAdministratorsNobodyListsOrEditsAdministrators(Privileges privileges)
    {
        var account = await _world.AccountAsync();
        var actor = await _accounts.AdministratorAsync(account, privileges);
        var other = await _accounts.AdministratorAsync(account, Privileges.Viewer);
        await using var scope = ScopeOf(actor);

        await Assert.ThrowsAsync<PrivilegeException>(() => Service(scope).ListAsync(CancellationToken.None));
        await Assert.ThrowsAsync<PrivilegeException>(() => Service(scope).SetPrivilegesAsync(other.Id, Privileges.Owner, CancellationToken.None));
        await Assert.ThrowsAsync<PrivilegeException>(() => Service(scope).SetPrivilegesAsync(actor.Id, Privileges.Owner, CancellationToken.None));
        Assert.Equal(Privileges.Viewer, (await ReloadAsync(other)).Privileges);
        Assert.Equal(privileges, (await ReloadAsync(actor)).Privileges);
    }

    [Fact]
    public async Task AnotherAccountsAdministratorIsNotFoundAndKeepsTheirPrivileges()
    {
        var owner = await _accounts.AdministratorAsync(await _world.AccountAsync(), Privileges.Owner);
        var stranger = await _accounts.AdministratorAsync(await _world.AccountAsync("Globex"), Privileges.Viewer);
        await using var scope = ScopeOf(owner);

        await Assert.ThrowsAsync<NotFoundException>(() => Service(scope).SetPrivilegesAsync(stranger.Id, Privileges.Owner, CancellationToken.None));

        Assert.Equal(Privileges.Viewer, (await ReloadAsync(stranger)).Privileges);
    }
}
