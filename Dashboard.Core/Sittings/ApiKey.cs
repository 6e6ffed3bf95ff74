using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Sittings;

/// <summary>A key the test-delivery side uses to post sitting events for one account. Only its SHA-256 is stored.</summary>
public sealed class ApiKey : IAccountOwned
{
    public int Id { get; set; }
    public int AccountId { get; set; }
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 text.</summary>
    public required string KeyHash { get; set; }

    /// <summary>The first characters of the key, shown in the list so an owner can tell keys apart.</summary>
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(k => k.AccountId);
        builder.Property(k => k.Name).HasMaxLength(ApiKeyService.MaxNameLength);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.CreatedBy).HasMaxLength(200);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasIndex(k => k.AccountId);
    }
}
