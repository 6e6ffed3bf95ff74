using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Core.Data;

public sealed class MigrationsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task MigrationsMatchTheModelSoNoSchemaChangeIsMissingFromThem()
    {
        await using var db = database.CreateDbContext(null);

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run scripts/add-migration.sh NAME.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>Checked on every pass, SQLite included: comparing the model with the snapshot needs no server.</summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused")]
    public void EachProvidersMigrationsMatchTheModel(string provider, string connectionString)
    {
        var options = DatabaseProvider.Configure(new DbContextOptionsBuilder<DashboardDbContext>(), provider, connectionString);
        using var db = new DashboardDbContext((DbContextOptions<DashboardDbContext>)options.Options, new AccountScope());

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model changed without a {provider} migration: run scripts/add-migration.sh NAME (both providers).");
    }
}
