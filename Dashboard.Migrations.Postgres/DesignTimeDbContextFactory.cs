using Dashboard.Core.Accounts;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Migrations.Postgres;

/// <summary>
/// Lets `dotnet ef migrations add --project Dashboard.Migrations.Postgres --startup-project Dashboard.Migrations.Postgres`
/// build the PostgreSQL model (no server is contacted to add a migration).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DashboardDbContext>
{
    public DashboardDbContext CreateDbContext(string[] args)
    {
        var options = DatabaseProvider.Configure(new DbContextOptionsBuilder<DashboardDbContext>(), DatabaseProvider.Postgres,
            "Host=localhost;Database=dashboard_design_time");
        return new DashboardDbContext((DbContextOptions<DashboardDbContext>)options.Options, new AccountScope());
    }
}
