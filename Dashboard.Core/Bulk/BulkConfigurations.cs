using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Bulk;

internal sealed class BulkRequestConfiguration : IEntityTypeConfiguration<BulkRequest>
{
    public void Configure(EntityTypeBuilder<BulkRequest> builder)
    {
        builder.Property(r => r.RequestedByEmail).HasMaxLength(256);
        builder.Property(r => r.RequestedByName).HasMaxLength(200);
        builder.Property(r => r.GroupName).HasMaxLength(200);
        builder.Property(r => r.SubjectName).HasMaxLength(200);
        builder.Property(r => r.Language).HasMaxLength(5);
        builder.Property(r => r.OutputPath).HasMaxLength(1000);
        builder.Property(r => r.OutputFileName).HasMaxLength(300);
        builder.Property(r => r.OutputContentType).HasMaxLength(100);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.HasIndex(r => new { r.AccountId, r.RequestedById, r.CreatedAt });
        builder.HasIndex(r => r.Status);
        builder.HasMany(r => r.Failures).WithOne().HasForeignKey(f => f.BulkRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BulkItemFailureConfiguration : IEntityTypeConfiguration<BulkItemFailure>
{
    public void Configure(EntityTypeBuilder<BulkItemFailure> builder)
    {
        builder.Property(f => f.ItemName).HasMaxLength(300);
        builder.Property(f => f.Message).HasMaxLength(2000);
    }
}

internal sealed class EmailSendConfiguration : IEntityTypeConfiguration<EmailSend>
{
    public void Configure(EntityTypeBuilder<EmailSend> builder)
    {
        builder.Property(e => e.IdempotencyKey).HasMaxLength(200);
        builder.HasIndex(e => e.IdempotencyKey).IsUnique();
        builder.HasIndex(e => e.BulkRequestId);
        builder.Property(e => e.Recipient).HasMaxLength(256);
        builder.Property(e => e.LastError).HasMaxLength(2000);
        builder.HasOne<BulkRequest>().WithMany().HasForeignKey(e => e.BulkRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
