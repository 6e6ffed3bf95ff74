using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Core.Domain;
using Dashboard.Core.Localization;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sittings;

public sealed record ApiKeySummary(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A new key: <see cref="Key"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeySummary Summary, string Key);

/// <summary>Who a valid key acts for.</summary>
public sealed record ApiKeyIdentity(int KeyId, int AccountId, string Name);

/// <summary>Per-account API keys for the sitting-event API: created and revoked by owners, audited, stored as SHA-256.</summary>
public sealed class ApiKeyService(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope, AuditLog audit, TimeProvider time)
{
    public const int MaxNameLength = 100;
    private const string KeyPrefix = "rdk_";

    // Writing "last used" on every request would make each batch pay for a second write.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ManageAdministrators);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ApiKey>().AsNoTracking()
            .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.Id)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Prefix, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<CreatedApiKey> CreateAsync(string name, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ManageAdministrators);
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new DomainRuleException(UserText.Get<SittingsErrors>("KeyNameRequired"));
        }

        if (name.Length > MaxNameLength)
        {
            throw new DomainRuleException(UserText.Get<SittingsErrors>("KeyNameTooLong", MaxNameLength));
        }

        var key = KeyPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entity = new ApiKey
        {
            AccountId = scope.RequireAccountId(),
            Name = name,
            KeyHash = Hash(key),
            Prefix = key[..(KeyPrefix.Length + 6)],
            CreatedAt = time.GetUtcNow(),
            CreatedBy = scope.ActorName,
        };
        db.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, AuditLog.Actions.ApiKey, after: new { entity.Id, entity.Name, entity.Prefix }, detail: $"API key \"{name}\" created");
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(ToSummary(entity), key);
    }

    public async Task RevokeAsync(int id, CancellationToken cancellationToken)
    {
        scope.Demand(Privileges.ManageAdministrators);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entity = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw new NotFoundException(UserText.Get<SittingsErrors>("KeyNotFound"));
        if (entity.RevokedAt is not null)
        {
            return;
        }

        entity.RevokedAt = time.GetUtcNow();
        audit.Record(db, AuditLog.Actions.ApiKey, before: new { entity.Id, entity.Name, Revoked = false },
            after: new { entity.Id, entity.Name, Revoked = true }, detail: $"API key \"{entity.Name}\" revoked");
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Finds the account of a presented key, across accounts (the caller has no scope yet); null when the key
    /// is unknown or revoked. Records when the key was last used.
    /// </summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string? presentedKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presentedKey) || !presentedKey.StartsWith(KeyPrefix, StringComparison.Ordinal) || presentedKey.Length > 100)
        {
            return null;
        }

        var hash = Hash(presentedKey);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.Set<ApiKey>().IgnoreQueryFilters()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.AccountId, k.Name, k.LastUsedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt.Value >= LastUsedResolution)
        {
            await db.Set<ApiKey>().IgnoreQueryFilters().Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return new ApiKeyIdentity(key.Id, key.AccountId, key.Name);
    }

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 text. A key has 256 random bits, so no salt or slow hash is needed.</summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiKeySummary ToSummary(ApiKey k) =>
        new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt);
}
