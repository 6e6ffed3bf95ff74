using Dashboard.Core.Data;
using Dashboard.Core.Data.DemoData;
using Dashboard.Web.Components;
using Dashboard.Web.Endpoints;
using Dashboard.Web.Components.Pages.Proctoring;
using Dashboard.Web.Components.Pages.Results;
using Dashboard.Web.Hosting;
using Dashboard.Web.Localization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddDashboardWeb(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddInterfaceLocalization();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitHandler, AccountScopeCircuitHandler>();
        services.AddSingleton<ResultRowMarkup>();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        services.AddDownloads();
        builder.AddDashboardAuthentication();
        services.AddBulkWeb();
        if (builder.Configuration.GetValue<bool>("Demo:Seed"))
        {
            services.AddHostedService<DemoCaptureSeeder>();
        }

        builder.AddScaleOut();
        return builder;
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await DatabaseInitializer.InitializeAsync(db);

        var demo = scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (demo.Seed && !await db.Accounts.IgnoreQueryFilters().AnyAsync())
        {
            var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
            await DemoWorld.SeedAsync(db, new DemoWorldOptions(demo.SeedValue, demo.Registrations, demo.AdminPassword), time);
        }
    }

    public static WebApplication UseDashboardWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseDashboardAuthentication();
        app.UseInterfaceLocalization();
        app.UseMiddleware<AccountScopeMiddleware>();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapDashboardEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapLanguageEndpoint();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapDownloadEndpoints();
        app.MapSittingEventsEndpoints();
        app.MapBulkEndpoints();
        app.MapProctoringEndpoints();
        app.MapHealthEndpoints();
        return app;
    }
}
