using System.Security.Cryptography;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Accounts;

public sealed record AdministratorRow(int Id, string DisplayName, string Email, Privileges Privileges, bool IsLockedOut, bool IsSelf);

/// <summary>Owners list their account's administrators and edit their privileges.</summary>
public sealed class AdministratorService(
    IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<AdministratorRow>> ListAsync(CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ManageAdministrators);
        var accountId = scope.RequireAccountId();
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Administrators are outside the tenant filter (Identity looks them up across accounts): filter here.
        var admins = await db.Users.AsNoTracking()
            .Where(a => a.AccountId == accountId)
            .Select(a => new { a.Id, a.DisplayName, a.Email, a.Privileges, a.LockoutEnd })
            .ToListAsync(cancellationToken);
        return admins
            .OrderBy(a => a.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(a => new AdministratorRow(a.Id, a.DisplayName, a.Email ?? "", a.Privileges,
                a.LockoutEnd is { } end && end > now, a.Id == scope.AdministratorId))
            .ToList();
    }

    /// <summary>
    /// Replaces an administrator's privileges, audited with before/after. The security stamp is renewed so the
    /// administrator's existing sessions are re-validated and pick up the change.
    /// </summary>
    public async Task<AdministratorRow> SetPrivilegesAsync(int administratorId, Privileges privileges, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ManageAdministrators);
        var accountId = scope.RequireAccountId();
        if ((privileges & ~Privileges.Owner) != 0)
        {
            throw new DomainRuleException(UserText.Get<AccountsErrors>("UnknownPrivileges"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var admin = await db.Users.SingleOrDefaultAsync(a => a.Id == administratorId && a.AccountId == accountId, cancellationToken)
            ?? throw new NotFoundException(UserText.Get<AccountsErrors>("AdministratorNotFound"));
        if (admin.Id == scope.AdministratorId && (privileges & Privileges.ManageAdministrators) == 0)
        {
            throw new DomainRuleException(UserText.Get<AccountsErrors>("KeepOwnManagePrivilege"));
        }

        var before = admin.Privileges;
        if (before != privileges)
        {
            admin.Privileges = privileges;
            admin.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
            admin.ConcurrencyStamp = Guid.NewGuid().ToString();
            audit.Record(db, AuditLog.Actions.PrivilegeChange,
                before: new { Administrator = admin.DisplayName, Privileges = PrivilegeCatalog.Codes(before) },
                after: new { Administrator = admin.DisplayName, Privileges = PrivilegeCatalog.Codes(privileges) },
                // Names only: the action ("Privilege change") says what happened, in the reader's language.
                detail: $"{admin.DisplayName} ({admin.Email})");
            await db.SaveChangesAsync(cancellationToken);
        }

        return new AdministratorRow(admin.Id, admin.DisplayName, admin.Email ?? "", admin.Privileges,
            admin.LockoutEnd is { } end && end > time.GetUtcNow(), admin.Id == scope.AdministratorId);
    }
}
