using Bunit;
using Dashboard.Web.Localization;
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
        return context;
    }
}
