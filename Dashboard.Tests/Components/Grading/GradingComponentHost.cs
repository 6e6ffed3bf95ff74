using Bunit;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Grading;

/// <summary>A bUnit context on a real SQLite test database, acting as one administrator.</summary>
internal static class GradingComponentHost
{
    public static BunitContext Create(TestDatabase database, Account account, Administrator actor)
    {
        var context = ComponentContext.Create();
        context.Services.AddDashboardCoreServices((_, options) => TestProvider.Configure(options, database.ConnectionString));
        context.Services.AddSingleton<TimeProvider>(database.Time);
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        context.Services.GetRequiredService<AccountScope>()
            .SetAdministrator(account.Id, actor.Id, actor.DisplayName, actor.Privileges);
        return context;
    }
}
