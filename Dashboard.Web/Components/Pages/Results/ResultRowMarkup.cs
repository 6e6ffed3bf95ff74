using System.Globalization;
using Dashboard.Core.Results;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Caching.Memory;

namespace Dashboard.Web.Components.Pages.Results;

/// <summary>
/// The Results grid's rows as markup, built once per row, language and viewer's actions and shared by every open page
/// showing that row. As elements and attributes a row was ~60 render-tree frames, held twice (current and previous tree)
/// by every open page, and as markup built per page it was a string per page: pages of one account showing the same
/// view show the same rows. A row is its whole value (a changed row is another entry) and its ID is unique across
/// accounts, so one account's markup is never another's. Bounded: a row not drawn for 5 minutes drops out, and at most
/// 20,000 runs of cells are kept (about 40 MB at worst; 100 pages of different rows need 5,000). Singleton.
/// </summary>
public sealed class ResultRowMarkup : IDisposable
{
    private static readonly MemoryCacheEntryOptions EntryOptions = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(5) };

    private readonly MemoryCache _rows = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    /// <summary>Which run of cells: the lead (ID, group, name, test and the grader or result) or the tail (protocol, actions).</summary>
    public enum Part
    {
        LeadWithResult,
        LeadWithGrader,
        LeadAlone,
        Tail,
    }

    /// <summary>
    /// The cells of <paramref name="part"/> for the row in the current language, built by <paramref name="build"/> (with
    /// the viewer's <paramref name="actions"/> on the row, which only the tail shows) when first asked.
    /// </summary>
    public MarkupString Get(ResultRow row, Part part, RowActions actions, Func<ResultRow, RowActions, string> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        actions = part == Part.Tail ? actions : RowActions.None;
        var key = new Key(row, part, actions, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        if (_rows.TryGetValue(key, out MarkupString cells))
        {
            return cells;
        }

        cells = new MarkupString(build(row, actions));
        _rows.Set(key, cells, EntryOptions);
        return cells;
    }

    public void Dispose() => _rows.Dispose();

    private readonly record struct Key(ResultRow Row, Part Part, RowActions Actions, CultureInfo Culture, CultureInfo UICulture);
}
