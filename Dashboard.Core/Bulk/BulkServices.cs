using Dashboard.Core.Data;
using Dashboard.Core.Email;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Dashboard.Core.Bulk;

public static class BulkServices
{
    /// <summary>Bulk requests, their runner and email, without host configuration (tests and the benchmark add a scheduler themselves).</summary>
    public static IServiceCollection AddBulk(this IServiceCollection services)
    {
        services.AddOptions<BulkOptions>();
        services.AddOptions<SmtpOptions>();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddScoped<BulkRequestService>();
        services.AddScoped<BulkRequestRunner>();
        services.AddScoped<BulkFileCleaner>();
        services.AddScoped<IBulkScheduler, QuartzBulkScheduler>();
        services.AddTransient<BulkRequestJob>();
        services.AddTransient<BulkCleanupJob>();
        return services;
    }

    /// <summary>The app's settings (Bulk, Smtp validated at start), the Quartz scheduler on its own SQLite file, and its hosting.</summary>
    public static IHostApplicationBuilder AddBulkHosting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var root = builder.Configuration["Storage:Root"] ?? Path.Combine(builder.Environment.ContentRootPath, "App_Data");
        builder.Services.AddOptions<BulkOptions>()
            .BindConfiguration(BulkOptions.Section)
            .PostConfigure(o => o.StorageRoot ??= root)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.Section)
            .PostConfigure(o => o.PickupDirectory ??= Path.Combine(root, "outbox"))
            .ValidateOnStart();
        if (DatabaseProvider.IsPostgres(builder.Configuration["Database:Provider"]))
        {
            // Several nodes share one clustered scheduler in the app's PostgreSQL database (or ConnectionStrings:Quartz).
            var connectionString = builder.Configuration.GetConnectionString("Quartz") ?? builder.Configuration["Database:ConnectionString"]
                ?? throw new InvalidOperationException("Database:ConnectionString is required with Database:Provider=Postgres.");
            // Read here, not through IOptions: Quartz is configured while the services are still being registered.
            var cluster = builder.Configuration.GetSection(BulkOptions.Section).Get<BulkOptions>() ?? new BulkOptions();
            builder.Services.AddClusteredBulkScheduler(connectionString,
                TimeSpan.FromSeconds(cluster.ClusterCheckinSeconds), TimeSpan.FromSeconds(cluster.ClusterCheckinMisfireSeconds));
        }
        else
        {
            var quartz = builder.Configuration.GetConnectionString("Quartz") ?? $"Data Source={Path.Combine(root, "quartz.db")}";
            builder.Services.AddBulkScheduler(quartz);
        }

        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddHostedService<BulkRecoveryService>();
        return builder;
    }

    /// <summary>Quartz with a persistent SQLite store, its schema created at start-up when missing.</summary>
    public static IServiceCollection AddBulkScheduler(this IServiceCollection services, string quartzConnectionString)
    {
        var file = new SqliteConnectionStringBuilder(quartzConnectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        services.AddQuartz(q =>
        {
            // SQLite serialises writers: two workers are plenty and keep the app's own database responsive.
            q.UseDefaultThreadPool(2);
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(quartzConnectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            AddCleanup(q);
        });
        return services;
    }

    /// <summary>
    /// Quartz clustered on PostgreSQL: every node runs a scheduler on the same tables (created at start-up when
    /// missing), each with a generated instance id; a request's trigger fires on one node, and the jobs of a node
    /// that stops checking in are recovered by another (the runners are idempotent, see BulkRequestRunner).
    /// </summary>
    public static IServiceCollection AddClusteredBulkScheduler(
        this IServiceCollection services, string postgresConnectionString, TimeSpan checkinInterval, TimeSpan checkinMisfireThreshold)
    {
        services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(4);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(postgresConnectionString);
                store.UseSystemTextJsonSerializer();
                // Clustering gives each node a generated instance id (AUTO) unless one is set.
                store.UseClustering(c =>
                {
                    c.CheckinInterval = checkinInterval;
                    c.CheckinMisfireThreshold = checkinMisfireThreshold;
                });
                store.ProvisionSchema();
            });
            AddCleanup(q);
        });
        return services;
    }

    private static void AddCleanup(IQuartzBuilder q)
    {
        q.AddJob<BulkCleanupJob>(job => job.WithIdentity(BulkCleanupJob.Key).StoreDurably());
        q.AddTrigger(trigger => trigger
            .ForJob(BulkCleanupJob.Key)
            .WithIdentity("bulk-cleanup-trigger", BulkRequestJob.Group)
            .StartNow()
            .WithSimpleSchedule(TimeSpan.FromHours(1)));
    }
}
