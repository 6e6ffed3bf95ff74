using Bunit;
using Dashboard.Core;
using Dashboard.Core.Accounts;
using Dashboard.Core.Domain;
using Dashboard.Web.Components.Pages.Results;
using Dashboard.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Dashboard.Tests.Support;

/// <summary>
/// The one way component tests get a bUnit context: MudBlazor's services with no transitions (snackbars and popovers
/// appear at once), loose JS interop, and the interface's localisation, as the host registers them.
/// </summary>
internal static class ComponentContext
{
    public static BunitContext Create()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
        context.Services.AddInterfaceLocalization();
        context.Services.AddSingleton<ResultRowMarkup>();
        return context;
    }

    /// <summary>
    /// A context whose Core services are registered as the host registers them, on <paramref name="database"/>'s
    /// connection and clock, rendering as interactive Server. Say who acts with <see cref="ActAs"/> or <see cref="ActAsSystem"/>.
    /// </summary>
    public static BunitContext Create(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var context = Create();
        context.Services.AddDashboardCoreServices((_, options) => TestProvider.Configure(options, database.ConnectionString));
        context.Services.AddSingleton<TimeProvider>(database.Time);
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return context;
    }

    /// <summary>The components' services act as <paramref name="actor"/> (with their own privileges unless given).</summary>
    public static BunitContext ActAs(this BunitContext context, Administrator actor, Privileges? privileges = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(actor);
        context.Services.GetRequiredService<AccountScope>()
            .SetAdministrator(actor.AccountId, actor.Id, actor.DisplayName, privileges ?? actor.Privileges);
        return context;
    }

    /// <summary>The components' services act for the account as the system (every privilege).</summary>
    public static BunitContext ActAsSystem(this BunitContext context, int accountId)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Services.GetRequiredService<AccountScope>().SetSystem(accountId);
        return context;
    }
}
