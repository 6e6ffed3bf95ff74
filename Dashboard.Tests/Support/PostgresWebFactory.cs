using Dashboard.Core.Data;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real app on a throw-away PostgreSQL database in every pass: for what exists only there (the nodes' shared
/// feed). Its tests carry <c>[Trait("Provider", "Postgres")]</c> and run in scripts/test.sh's PostgreSQL pass; without
/// a server they fail, they are never skipped.
/// </summary>
public class PostgresWebFactory : DashboardWebFactory
{
    public PostgresWebFactory()
        : base(DatabaseProvider.Postgres)
    {
    }

    /// <summary>Another node of the same app: its own host on this factory's database (created by this one's start).</summary>
    public PostgresWebFactory SecondNode()
    {
        var node = new PostgresWebFactory();
        foreach (var (key, value) in Settings)
        {
            node.Settings[key] = value;
        }

        node.Settings["Database:ConnectionString"] = ConnectionString;
        return node;
    }
}
