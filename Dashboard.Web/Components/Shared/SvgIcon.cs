using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// MudIcon's markup as one markup frame, built once per icon and classes and shared by every open page: a MudIcon is a
/// component (two render trees held per page), and markup built at each render is a new string held per page.
/// The icons are MudBlazor's constants, so the cache is bounded by the icons the interface uses.
/// </summary>
internal static class SvgIcon
{
    private static readonly ConcurrentDictionary<(string Icon, string Classes), MarkupString> Cache = new();

    /// <summary>The icon's svg; <paramref name="classes"/> follow mud-icon-root and mud-svg-icon (size, colour…).</summary>
    public static MarkupString Of(string icon, string classes) => Cache.GetOrAdd((icon, classes), static key => new(
        $"""<svg class="mud-icon-root mud-svg-icon {key.Classes}" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{key.Icon}</svg>"""));

    /// <summary>The dropdown arrow at the end of a select drawn as MudSelect's markup.</summary>
    public static MarkupString SelectArrow { get; } = Of(Icons.Material.Filled.ArrowDropDown, "mud-icon-default mud-icon-size-medium mud-input-adornment-icon");

    /// <summary>The icon in MudButton's start or end slot (<paramref name="slot"/>), sized with the button ("small", "medium").</summary>
    public static MarkupString InButtonSlot(string icon, string slot, string size) =>
        new($"""<span class="mud-button-icon-{slot} mud-button-icon-size-{size}">{Of(icon, $"mud-icon-size-{size}")}</span>""");

    /// <summary>The icon inside MudIconButton's label span: an icon button drawn as markup.</summary>
    public static MarkupString InButton(string icon, string classes) => new($"<span class=\"mud-icon-button-label\">{Of(icon, classes)}</span>");
}
