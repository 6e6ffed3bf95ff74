using Dashboard.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Sittings;

/// <summary>An event id already handled for an account: makes the event API idempotent.</summary>
public sealed class ProcessedSittingEvent : IAccountOwned
{
    public int AccountId { get; set; }
    public required string EventId { get; set; }
    public int RegistrationId { get; set; }
    public required string Type { get; set; }
    public SittingEventOutcomeKind Outcome { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}

internal sealed class ProcessedSittingEventConfiguration : IEntityTypeConfiguration<ProcessedSittingEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedSittingEvent> builder)
    {
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId);
        builder.Property(e => e.EventId).HasMaxLength(SittingEventValidator.MaxEventIdLength);
        builder.Property(e => e.Type).HasMaxLength(40);
        // The key is the idempotency rule itself: one row per event id and account, no surrogate id or second index to maintain.
        builder.HasKey(e => new { e.AccountId, e.EventId });
    }
}
