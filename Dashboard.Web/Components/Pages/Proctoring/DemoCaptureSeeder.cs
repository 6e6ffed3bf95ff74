using Dashboard.Core.Data;
using Dashboard.Core.Data.DemoData;
using Dashboard.Core.Proctoring;
using Dashboard.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Components.Pages.Proctoring;

/// <summary>
/// Draws the demo world's captures once, in the background after start-up (demo configuration only), so the first
/// start is not slowed down by ~550 JPEG encodings: the Proctoring page has its photos a few seconds later.
/// </summary>
public sealed class DemoCaptureSeeder(IServiceScopeFactory scopes, IOptions<DemoOptions> demo, ILogger<DemoCaptureSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
            await using var db = await factory.CreateDbContextAsync(stoppingToken);
            if (await db.ProctoringCaptures.IgnoreQueryFilters().AnyAsync(stoppingToken)
                || !await db.Accounts.IgnoreQueryFilters().AnyAsync(stoppingToken))
            {
                return;
            }

            // About 30 sittings per account in the 12,000-registration world, a few in the tests' small ones.
            var perAccount = Math.Min(demo.Value.CaptureSittings, Math.Max(1, demo.Value.Registrations / 400));
            var started = TimeProvider.System.GetTimestamp();
            var count = await DemoCaptures.SeedAsync(db, scope.ServiceProvider.GetRequiredService<IBlobStore>(), perAccount, stoppingToken);
            logger.LogInformation("Demo captures: {Count} images drawn in {Elapsed} ms.", count, (int)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the demo captures were drawn: the next start draws them.
        }
        catch (Exception e) when (e is DbUpdateException or IOException)
        {
            logger.LogWarning(e, "The demo captures could not be drawn.");
        }
    }
}
