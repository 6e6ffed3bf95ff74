using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Dashboard.Web.Localization;

/// <summary>Marks MudBlazor's own texts in French (pager, date picker, data grid menus): MudBlazorText.resx and MudBlazorText.fr.resx.</summary>
public sealed class MudBlazorText;

/// <summary>
/// MudBlazor asks this localizer for its texts whenever the UI culture is not English (its default interceptor keeps its
/// built-in English otherwise); a key missing here falls back to MudBlazor's English.
/// </summary>
public sealed class MudBlazorLocalizer(IStringLocalizer<MudBlazorText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];
}
