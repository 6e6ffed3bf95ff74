extern alias web;

using System.Net.Http.Json;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Sittings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WebSetup = web::Dashboard.Web.DependencyInjection;

namespace Dashboard.Bench;

/// <summary>The real web app in-process on a loopback port against a temporary SQLite file, and its event API.</summary>
internal static class BenchWebApp
{
    /// <summary>Starts the app (simulator off, no demo seed unless <paramref name="settings"/> say otherwise).</summary>
    public static async Task<WebApplication> StartAsync(string directory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "Dashboard.Web",
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        var configuration = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "bench.db")}",
            ["Demo:Seed"] = "false",
            ["Demo:Simulator:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Serve the web project's wwwroot and framework scripts (blazor.web.js) from the build output's manifest:
        // only Development turns this on by itself, and the bench does not run against published output.
        builder.WebHost.UseStaticWebAssets();
        builder.AddDashboardCore();
        WebSetup.AddDashboardWeb(builder);
        var app = builder.Build();
        await WebSetup.InitializeDatabaseAsync(app);
        WebSetup.UseDashboardWeb(app);
        WebSetup.MapDashboardEndpoints(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// Stops the app's hosted services (Quartz, the feed): disposing a started host does not stop them, and the
    /// process would print its result and never exit.
    /// </summary>
    public static async Task StopAsync(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stopping.Token);
    }

    public static Uri BaseAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>An HttpClient on the app that sends a new API key of the account.</summary>
    public static async Task<HttpClient> ApiClientAsync(WebApplication app, int accountId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccountScope>().SetSystem(accountId, "Bench");
        var key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("Bench", CancellationToken.None)).Key;
        var client = new HttpClient { BaseAddress = BaseAddress(app) };
        client.DefaultRequestHeaders.Add(web::Dashboard.Web.Endpoints.SittingEventsEndpoints.ApiKeyHeader, key);
        return client;
    }

    /// <summary>Posts one batch to <c>POST /api/v1/sitting-events</c>; throws unless it succeeds.</summary>
    public static async Task PostEventsAsync(HttpClient client, IEnumerable<object> events)
    {
        using var response = await client.PostAsJsonAsync(web::Dashboard.Web.Endpoints.SittingEventsEndpoints.Route, new { events });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static object Event(string type, int registrationId, DateTimeOffset at) =>
        new { eventId = Guid.NewGuid().ToString(), type, registrationId, occurredAt = at };

    /// <summary>Closes the pooled SQLite connections (they hold the file open) and deletes a run's temporary folder.</summary>
    public static void DeleteTemporary(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
