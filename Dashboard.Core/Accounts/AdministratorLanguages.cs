using Dashboard.Core.Data;
using Dashboard.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Accounts;

/// <summary>The interface language an administrator chose for themselves: "en" or "fr", stored on the administrator.</summary>
public sealed class AdministratorLanguages(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope)
{
    public static IReadOnlyList<string> Supported { get; } = ["en", "fr"];

    /// <summary>A supported language code, or null for anything else (a hand-edited value never reaches the database).</summary>
    public static string? Normalize(string? language) =>
        language is null ? null : Supported.FirstOrDefault(l => string.Equals(l, language.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Stores the signed-in administrator's choice; only their own row, never another administrator's.</summary>
    public async Task SaveAsync(string language, CancellationToken cancellationToken)
    {
        var code = Normalize(language) ?? throw new DomainRuleException(UserText.Get<AccountsErrors>("UnsupportedLanguage", language));
        var administratorId = scope.AdministratorId ?? throw new PrivilegeException(Domain.Privileges.ViewResults);
        var accountId = scope.RequireAccountId();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Administrators are outside the tenant filter (Identity looks them up across accounts): filter here.
        await db.Users.Where(a => a.Id == administratorId && a.AccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Language, code), cancellationToken);
    }
}
