using Dashboard.Core.Bulk;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Live.CrossNode;

public static class CrossNodeFeedServices
{
    /// <summary>
    /// On PostgreSQL, links this node's feeds to the other nodes': a notifier on every context's SaveChanges and a
    /// listening connection (hosted). The contexts pick the notifier up in <see cref="DependencyInjection"/>.
    /// </summary>
    public static IServiceCollection AddCrossNodeFeeds(this IServiceCollection services)
    {
        services.AddSingleton(sp => new CrossNodeFeeds(
            sp.GetRequiredService<IAccountFeed<ResultsChange>>(), sp.GetRequiredService<IAccountFeed<BulkProgress>>()));
        services.AddSingleton(sp => new PostgresFeedNotifier(sp.GetRequiredService<CrossNodeFeeds>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PostgresFeedListener(
            sp.GetRequiredService<CrossNodeFeeds>(),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString
                ?? throw new InvalidOperationException("Database:ConnectionString is required with Database:Provider=Postgres."),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PostgresFeedListener>>()));
        services.AddHostedService(sp => sp.GetRequiredService<PostgresFeedListener>());
        return services;
    }

    internal static void AddCrossNodeNotifier(this DbContextOptionsBuilder options, IServiceProvider services)
    {
        if (services.GetService<PostgresFeedNotifier>() is { } notifier)
        {
            options.AddInterceptors(notifier);
        }
    }
}
