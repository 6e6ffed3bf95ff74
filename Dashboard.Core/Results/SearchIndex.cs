using Dashboard.Core.Data;

namespace Dashboard.Core.Results;

/// <summary>The trigram full-text index behind the grid's search (FTS5 on SQLite).</summary>
public static class SearchIndex
{
    public static Task EnsureCreatedAsync(DashboardDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Filled in with the results query: FTS5 trigram table kept in step by triggers.
        return Task.CompletedTask;
    }
}
