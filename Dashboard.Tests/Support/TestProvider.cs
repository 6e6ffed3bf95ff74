using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Tests.Support;

/// <summary>
/// Which database engine the suite runs on: SQLite files by default; PostgreSQL when
/// <c>DASHBOARD_TEST_PROVIDER=Postgres</c>, on the server named by <c>DASHBOARD_TEST_POSTGRES</c> (a connection
/// string without a database, for a role allowed to create databases). Each fixture gets a throw-away database.
/// </summary>
public static class TestProvider
{
    public static bool IsPostgres { get; } = DatabaseProvider.IsPostgres(Environment.GetEnvironmentVariable("DASHBOARD_TEST_PROVIDER"));

    /// <summary>The value of Database:Provider for the app under test.</summary>
    public static string Name => IsPostgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    private static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=5432;Username=dashboard_test;Password=dashboard_test";

    /// <summary>The connection string of a database that does not exist yet (the app or the fixture creates it).</summary>
    public static string NewPostgresDatabase()
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString)
        {
            Database = "dashboard_test_" + Guid.NewGuid().ToString("N")[..16],
            // Small pools: a whole suite of fixtures stays far below max_connections.
            MaxPoolSize = 20,
            // A test database is thrown away: commits need not wait for the disk.
            Options = "-c synchronous_commit=off",
        };
        return builder.ConnectionString;
    }

    /// <summary>A new empty database (for a store the app does not create itself, such as a second Quartz store).</summary>
    public static async Task<string> CreatePostgresDatabaseAsync()
    {
        var connectionString = NewPostgresDatabase();
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\"";
        await command.ExecuteNonQueryAsync();
        return connectionString;
    }

    private static string AdminConnectionString() =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing whatever still uses it.</summary>
    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString, string? provider = null) =>
        DatabaseProvider.Configure(options, provider ?? Name, connectionString);

    /// <summary>Options for the pass's provider, or for <paramref name="provider"/> (a host that runs on a given one).</summary>
    public static DbContextOptions<DashboardDbContext> Options(string connectionString, string? provider = null) =>
        (DbContextOptions<DashboardDbContext>)Configure(new DbContextOptionsBuilder<DashboardDbContext>(), connectionString, provider).Options;
}
