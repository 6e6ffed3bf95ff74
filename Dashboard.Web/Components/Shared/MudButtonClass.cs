namespace Dashboard.Web.Components.Shared;

/// <summary>
/// MudButton's and MudIconButton's classes for the buttons drawn as markup, in one place. Constants, so that a class
/// with extra utilities (<c>MudButtonClass.InheritIcon + " d-flex"</c>) is one string, not one built at each render.
/// </summary>
internal static class MudButtonClass
{
    /// <summary>Variant.Outlined, Color.Primary, Size.Medium.</summary>
    public const string OutlinedPrimary = "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-medium mud-ripple";

    /// <summary>Variant.Text, Color.Inherit, Size.Medium.</summary>
    public const string TextInherit = "mud-button-root mud-button mud-button-text mud-button-text-inherit mud-button-text-size-medium mud-ripple";

    /// <summary>An icon button in Color.Inherit (the app bar's).</summary>
    public const string InheritIcon = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon";
}
