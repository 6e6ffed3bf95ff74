using Bunit;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.Tests.Components.Grading;

/// <summary>A bUnit context on a real SQLite test database, acting as one administrator.</summary>
internal static class GradingComponentHost
{
    public static BunitContext Create(TestDatabase database, Account account, Administrator actor)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddDashboardCoreServices((_, options) => TestProvider.Configure(options, database.ConnectionString));
        context.Services.AddSingleton<TimeProvider>(database.Time);
        context.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        context.Services.GetRequiredService<AccountScope>()
            .SetAdministrator(account.Id, actor.Id, actor.DisplayName, actor.Privileges);
        return context;
    }
}
