using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components;

/// <summary>
/// <c>@onrowaction</c>: a row's Assign or Cancel button was clicked in a grid whose rows are drawn as markup. The browser
/// raises it from the button (Dashboard.Web.lib.module.js); one handler on the grid's body hears every row's.
/// </summary>
[EventHandler("onrowaction", typeof(RowActionEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers;

/// <summary>Which action (<see cref="RowAction"/>) of which row (its registration ID).</summary>
public sealed class RowActionEventArgs : EventArgs
{
    public string? Action { get; set; }

    public int Row { get; set; }
}

/// <summary>The actions a row's buttons raise, as their <c>data-action</c> says.</summary>
public static class RowAction
{
    public const string Assign = "assign";
    public const string Cancel = "cancel";
}
