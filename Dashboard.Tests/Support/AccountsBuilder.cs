using Dashboard.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>Administrators (through Identity's UserManager, so passwords and stamps are real) and credit packs.</summary>
public sealed class AccountsBuilder(TestDatabase database)
{
    public const string Password = "Test-Password-2026";

    public Task<Administrator> AdministratorAsync(Account account, Privileges privileges, string? email = null, string? name = null) =>
        CreateAdministratorAsync(database.Services, account.Id, privileges, email, name);

    /// <summary>A new account with an owner, Olivia Owner, and a viewer, Victor Viewer.</summary>
    public async Task<AccountTeam> OwnerAndViewerAsync()
    {
        var account = await new WorldBuilder(database).AccountAsync();
        var owner = await AdministratorAsync(account, Privileges.Owner, name: "Olivia Owner");
        var viewer = await AdministratorAsync(account, Privileges.Viewer, name: "Victor Viewer");
        return new AccountTeam(account, owner, viewer);
    }

    public async Task<CreditPack> CreditPackAsync(Account account, TestType type = TestType.Evaluation, int initial = 10, int remaining = 4)
    {
        await using var db = database.CreateDbContext(account.Id);
        var pack = new CreditPack
        {
            AccountId = account.Id, TestType = type, InitialQuantity = initial, RemainingQuantity = remaining,
            PurchasedOn = new DateOnly(2026, 1, 1), ExpiresOn = new DateOnly(2027, 12, 31),
        };
        db.CreditPacks.Add(pack);
        await db.SaveChangesAsync();
        return pack;
    }

    /// <summary>Creates an administrator with <see cref="Password"/> through the given container's UserManager.</summary>
    public static async Task<Administrator> CreateAdministratorAsync(IServiceProvider services, int accountId, Privileges privileges,
        string? email = null, string? name = null, string password = Password)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Administrator>>();
        email ??= $"admin-{Guid.NewGuid():N}@example.test";
        var admin = new Administrator
        {
            AccountId = accountId, UserName = email, Email = email, EmailConfirmed = true,
            DisplayName = name ?? $"{privileges} {email[..8]}", Privileges = privileges,
        };
        var result = await users.CreateAsync(admin, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return admin;
    }
}

/// <summary>An account and two of its administrators.</summary>
public sealed record AccountTeam(Account Account, Administrator Owner, Administrator Viewer);
