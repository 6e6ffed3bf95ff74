using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// The interface's one theme, shared by both layouts and every open page: MudThemeProvider only reads it, and a theme
/// per page was ~230 MudColor objects and two palettes held by every circuit.
/// </summary>
internal static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        // Status colours dark enough for text on white and white text on them (WCAG AA, checked by axe-core).
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fa8", AppbarBackground = "#1f5fa8", Secondary = "#c2185b",
            Success = "#2e7d32", Info = "#0277bd", Warning = "#a15c00", Error = "#c62828",
        },
    };
}
