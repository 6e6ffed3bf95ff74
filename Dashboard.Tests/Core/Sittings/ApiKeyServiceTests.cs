using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Core.Sittings;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Core.Sittings;

public sealed class ApiKeyServiceTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly WorldBuilder _world = new(database);

    [Fact]
    public async Task ACreatedKeyIsShownOnceAndOnlyItsHashIsStored()
    {
        var account = await _world.AccountAsync();

        var created = await AsOwnerAsync(account, s => s.CreateAsync("  Delivery platform ", CancellationToken.None));

        Assert.Matches("^rdk_[A-Za-z0-9_-]{43}$", created.Key);
        Assert.Equal("Delivery platform", created.Summary.Name);
        Assert.StartsWith(created.Summary.Prefix, created.Key, StringComparison.Ordinal);
        await using var db = database.CreateDbContext(account.Id);
        var stored = await db.Set<ApiKey>().SingleAsync();
        Assert.Equal(ApiKeyService.Hash(created.Key), stored.KeyHash);
        Assert.DoesNotContain(created.Key, stored.KeyHash + stored.Prefix + stored.Name, StringComparison.Ordinal);
        Assert.Equal("Test admin", stored.CreatedBy);
    }

    [Fact]
    public async Task AValidKeyAuthenticatesAsItsAccountAndRecordsItsUse()
    {
        var account = await _world.AccountAsync();
        var created = await AsOwnerAsync(account, s => s.CreateAsync("Delivery", CancellationToken.None));

        var identity = await AnonymousAsync(s => s.AuthenticateAsync(created.Key, CancellationToken.None));

        Assert.Equal((account.Id, "Delivery"), (identity!.AccountId, identity.Name));
        var listed = Assert.Single(await AsOwnerAsync(account, s => s.ListAsync(CancellationToken.None)));
        Assert.Equal(database.Time.GetUtcNow(), listed.LastUsedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("rdk_unknown")]
    [InlineData("not-a-key")]
    public async Task AnUnknownKeyDoesNotAuthenticate(string? key)
    {
        Assert.Null(await AnonymousAsync(s => s.AuthenticateAsync(key, CancellationToken.None)));
    }

    [Fact]
    public async Task ARevokedKeyNoLongerAuthenticatesAndTheRevocationIsAudited()
    {
        var account = await _world.AccountAsync();
        var created = await AsOwnerAsync(account, s => s.CreateAsync("Delivery", CancellationToken.None));

        await AsOwnerAsync(account, async s => { await s.RevokeAsync(created.Summary.Id, CancellationToken.None); return 0; });

        Assert.Null(await AnonymousAsync(s => s.AuthenticateAsync(created.Key, CancellationToken.None)));
        var listed = Assert.Single(await AsOwnerAsync(account, s => s.ListAsync(CancellationToken.None)));
        Assert.True(listed.IsRevoked);
        await using var db = database.CreateDbContext(account.Id);
        var audit = await db.AuditEntries.Where(a => a.Action == AuditLog.Actions.ApiKey).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["API key \"Delivery\" created", "API key \"Delivery\" revoked"], audit.Select(a => a.Detail));
        Assert.All(audit, a => Assert.Equal(7, a.AdministratorId));
    }

    [Fact]
    public async Task AnotherAccountsKeyCanBeNeitherListedNorRevoked()
    {
        var mine = await _world.AccountAsync();
        var theirs = await _world.AccountAsync();
        var created = await AsOwnerAsync(theirs, s => s.CreateAsync("Theirs", CancellationToken.None));

        Assert.Empty(await AsOwnerAsync(mine, s => s.ListAsync(CancellationToken.None)));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            AsOwnerAsync(mine, async s => { await s.RevokeAsync(created.Summary.Id, CancellationToken.None); return 0; }));
        Assert.NotNull(await AnonymousAsync(s => s.AuthenticateAsync(created.Key, CancellationToken.None)));
    }

    [Fact]
    public async Task OnlyAdministratorsWhoManageAdministratorsCanCreateListOrRevokeKeys()
    {
        var account = await _world.AccountAsync();
        await using var scope = database.CreateScope(account.Id, 8, Privileges.Owner & ~Privileges.ManageAdministrators);
        var service = scope.ServiceProvider.GetRequiredService<ApiKeyService>();

        await Assert.ThrowsAsync<PrivilegeException>(() => service.CreateAsync("Nope", CancellationToken.None));
        await Assert.ThrowsAsync<PrivilegeException>(() => service.ListAsync(CancellationToken.None));
        await Assert.ThrowsAsync<PrivilegeException>(() => service.RevokeAsync(1, CancellationToken.None));
        await using var db = database.CreateDbContext(account.Id);
        Assert.False(await db.Set<ApiKey>().AnyAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task AKeyNeedsAName(string name)
    {
        var account = await _world.AccountAsync();

        await Assert.ThrowsAsync<DomainRuleException>(() => AsOwnerAsync(account, s => s.CreateAsync(name, CancellationToken.None)));
    }

    private async Task<T> AsOwnerAsync<T>(Account account, Func<ApiKeyService, Task<T>> act)
    {
        await using var scope = database.CreateScope(account.Id, 7, Privileges.Owner);
        return await act(scope.ServiceProvider.GetRequiredService<ApiKeyService>());
    }

    private async Task<T> AnonymousAsync<T>(Func<ApiKeyService, Task<T>> act)
    {
        await using var scope = database.CreateScope(null);
        return await act(scope.ServiceProvider.GetRequiredService<ApiKeyService>());
    }
}
