using System.Linq.Expressions;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Core.Data;

public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options, AccountScope scope)
    : IdentityDbContext<Administrator, IdentityRole<int>, int>(options), IDataProtectionKeyContext
{
    /// <summary>Read by the global query filters; EF evaluates it per context instance.</summary>
    internal int? CurrentAccountId => scope.AccountId;

    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<CreditPack> CreditPacks => Set<CreditPack>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Candidate> Candidates => Set<Candidate>();
    public DbSet<TestSession> TestSessions => Set<TestSession>();
    public DbSet<Subject> Subjects => Set<Subject>();
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<Response> Responses => Set<Response>();
    public DbSet<ProctoringIncident> ProctoringIncidents => Set<ProctoringIncident>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ProctoringCapture> ProctoringCaptures => Set<ProctoringCapture>();
    public DbSet<ProctoringReview> ProctoringReviews => Set<ProctoringReview>();

    /// <summary>Data Protection keys shared by every node (PostgreSQL only: one SQLite node keeps them on its disk).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite cannot compare or ORDER BY DateTimeOffset stored as text; as UTC-ordered integers it can.
        // PostgreSQL stores them the same way: timestamptz would refuse the account-local offsets that some
        // queries pass, and the bulk loaders write one encoding for both providers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        if (Database.IsNpgsql())
        {
            // Byte-wise comparison, as SQLite's BINARY: the same sort order and the SortName prefix ranges whatever
            // the server's locale.
            configurationBuilder.Properties<string>().UseCollation("C");
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
        if (!Database.IsNpgsql())
        {
            builder.Ignore<DataProtectionKey>();
        }

        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            // Administrators are excluded: Identity looks users up across accounts at sign-in;
            // services that list administrators filter by account themselves.
            if (typeof(IAccountOwned).IsAssignableFrom(entityType.ClrType) && entityType.ClrType != typeof(Administrator))
            {
                var method = typeof(DashboardDbContext).GetMethod(nameof(ApplyAccountFilter),
                    System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
                method.MakeGenericMethod(entityType.ClrType).Invoke(this, [builder]);
            }
        }
    }

    private void ApplyAccountFilter<T>(ModelBuilder builder)
        where T : class, IAccountOwned
    {
        Expression<Func<T, bool>> filter = e => e.AccountId == CurrentAccountId;
        builder.Entity<T>().HasQueryFilter(filter);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RenewConcurrencyTokens();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RenewConcurrencyTokens();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RenewConcurrencyTokens()
    {
        foreach (var entry in ChangeTracker.Entries<Registration>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = Guid.NewGuid();
            }
        }
    }
}
