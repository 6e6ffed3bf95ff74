using Dashboard.Core.Accounts;
using Dashboard.Core.Analysis;
using Dashboard.Core.Bulk;
using Dashboard.Core.Data;
using Dashboard.Core.Documents;
using Dashboard.Core.Grading;
using Dashboard.Core.Live;
using Dashboard.Core.Live.CrossNode;
using Dashboard.Core.Proctoring;
using Dashboard.Core.Results;
using Dashboard.Core.Sittings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Core;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddDashboardCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddDashboardCoreServices((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = db.ConnectionString
                ?? (DatabaseProvider.IsPostgres(db.Provider)
                    ? throw new InvalidOperationException("Database:ConnectionString is required with Database:Provider=Postgres.")
                    : $"Data Source={Path.Combine(contentRoot, "App_Data", "dashboard.db")}");
            DatabaseProvider.Configure(options, db.Provider, connectionString);
            options.AddCrossNodeNotifier(sp);
        });
        if (DatabaseProvider.IsPostgres(builder.Configuration["Database:Provider"]))
        {
            // Every node keeps its in-process feeds; PostgreSQL LISTEN/NOTIFY carries each saved change to the others.
            builder.Services.AddCrossNodeFeeds();
        }

        builder.AddBulkHosting();
        var storage = builder.Configuration["Storage:Root"] ?? Path.Combine(contentRoot, "App_Data");
        builder.Services.PostConfigure<ProctoringOptions>(o => o.StorageRoot ??= Path.Combine(storage, "captures"));
        return builder;
    }

    /// <summary>The services without host configuration: used by the web host, tests and the benchmark.</summary>
    public static IServiceCollection AddDashboardCoreServices(
        this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configureDatabase)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AccountScope>();
        services.AddScoped<AuditLog>();
        services.AddAccounts();
        services.AddSingleton(typeof(IAccountFeed<>), typeof(AccountFeed<>));
        services.AddSingleton<SharedResultsPages>();
        services.AddResults();
        services.AddDocuments();
        services.AddAnalysis();
        services.AddGrading();
        // Scoped factory: contexts see the scope's AccountScope, so the tenant filter follows the circuit/job.
        services.AddDbContextFactory<DashboardDbContext>(configureDatabase, ServiceLifetime.Scoped);
        services.AddFilterOptions();
        services.AddSittings();
        services.AddBulk();
        services.AddProctoring();
        return services;
    }
}
