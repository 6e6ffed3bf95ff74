using System.Globalization;
using Dashboard.Core.Domain;
using Microsoft.Extensions.Primitives;

namespace Dashboard.Core.Results;

/// <summary>Where a Results view is: sort key and direction, zero-based page, page size.</summary>
public sealed record ResultsGridPosition(string SortKey, bool Descending, int Page, int PageSize)
{
    public const int DefaultPageSize = 25;

    public static IReadOnlyList<int> PageSizes { get; } = [10, 25, 50, 100];

    public static ResultsGridPosition Default { get; } = new(ResultsSortKeys.Id, true, 0, DefaultPageSize);
}

/// <summary>
/// A Results view as a link carries it: what is selected and where the grid stands. The grid derives everything it
/// shows from this one record (read from the URL by <see cref="ResultsUrl.Parse(IReadOnlyDictionary{string, string?})"/>),
/// and the page request it makes is <see cref="ToRequest"/>.
/// </summary>
public sealed record ResultsViewState(ResultsFilter Filter, ResultsGridPosition Position)
{
    public static ResultsViewState Default { get; } = new(ResultsFilter.Default, ResultsGridPosition.Default);

    public ResultsPageRequest ToRequest() => new(Filter, Position.SortKey, Position.Descending, Position.Page, Position.PageSize);
}

/// <summary>
/// The one codec between a <see cref="ResultsViewState"/> and a query string, used by the Results pages, the export and
/// group-report endpoints and the links between them. Defaults are left out of the URL; unknown or malformed values
/// fall back to the default, so a hand-edited or truncated link opens a sensible view instead of failing.
/// </summary>
public static class ResultsUrl
{
    public const string Search = "q";
    public const string Status = "status";
    public const string Type = "type";
    public const string Group = "group";
    public const string Session = "session";
    public const string Subject = "subject";
    public const string Archived = "archived";
    public const string Sort = "sort";
    public const string Descending = "desc";
    public const string Page = "page";
    public const string Size = "size";

    /// <summary>Reads a view from query values (an <c>IQueryCollection</c>, <c>QueryHelpers.ParseQuery</c>'s result, a page's parameters).</summary>
    public static ResultsViewState Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in query)
        {
            values.TryAdd(key, value.FirstOrDefault());
        }

        return Parse(values);
    }

    public static ResultsViewState Parse(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string? Get(string name) => values.TryGetValue(name, out var value) ? value : null;
        var filter = new ResultsFilter
        {
            Search = Get(Search) is { } search && !string.IsNullOrWhiteSpace(search) ? search : null,
            Status = ParseEnum<RegistrationStatus>(Get(Status)),
            TestType = ParseEnum<TestType>(Get(Type)),
            GroupId = PositiveInt(Get(Group)),
            SessionId = PositiveInt(Get(Session)),
            SubjectId = PositiveInt(Get(Subject)),
            IncludeArchivedGroups = ParseBool(Get(Archived)) == true,
        };

        var defaults = ResultsGridPosition.Default;
        var requestedSort = Get(Sort);
        var sortKey = requestedSort is not null && ResultsSortKeys.All.Contains(requestedSort) ? requestedSort : defaults.SortKey;
        // A sort key named without a direction sorts ascending, as a click on a column header does.
        var descending = ParseBool(Get(Descending)) ?? (sortKey == requestedSort ? false : defaults.Descending);
        var pageSize = PositiveInt(Get(Size)) is { } size && ResultsGridPosition.PageSizes.Contains(size) ? size : defaults.PageSize;
        var page = PositiveInt(Get(Page)) is { } oneBased and > 1 ? oneBased - 1 : 0;
        return new ResultsViewState(filter, new ResultsGridPosition(sortKey, descending, page, pageSize));
    }

    /// <summary>Query parameters of a filter for <c>NavigationManager.GetUriWithQueryParameters</c>; null removes one. A new filter opens its first page.</summary>
    public static Dictionary<string, object?> FilterParameters(ResultsFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new Dictionary<string, object?>
        {
            [Search] = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search,
            [Status] = filter.Status?.ToString(),
            [Type] = filter.TestType?.ToString(),
            [Group] = filter.GroupId,
            [Session] = filter.SessionId,
            [Subject] = filter.SubjectId,
            [Archived] = filter.IncludeArchivedGroups ? "true" : null,
            [Page] = null,
        };
    }

    public static Dictionary<string, object?> PositionParameters(ResultsGridPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        var defaults = ResultsGridPosition.Default;
        var isDefaultSort = position.SortKey == defaults.SortKey && position.Descending == defaults.Descending;
        return new Dictionary<string, object?>
        {
            [Sort] = isDefaultSort ? null : position.SortKey,
            [Descending] = isDefaultSort ? null : position.Descending ? "true" : "false",
            [Page] = position.Page > 0 ? position.Page + 1 : null,
            [Size] = position.PageSize == defaults.PageSize ? null : position.PageSize,
        };
    }

    /// <summary>"?q=…&amp;status=…" of a view (defaults left out), for links to the export and group-report endpoints.</summary>
    public static string ToQueryString(ResultsViewState view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var pairs = FilterParameters(view.Filter).Concat(PositionParameters(view.Position))
            .Where(p => p.Value is not null)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!));
        var query = string.Join('&', pairs);
        return query.Length == 0 ? "" : "?" + query;
    }

    public static string ToQueryString(ResultsFilter filter) => ToQueryString(new ResultsViewState(filter, ResultsGridPosition.Default));

    private static int? PositiveInt(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static bool? ParseBool(string? value) => value?.ToUpperInvariant() switch
    {
        "TRUE" or "1" => true,
        "FALSE" or "0" => false,
        _ => null,
    };

    /// <summary>Names only: "7" or "-1" would parse as an undefined or numeric member.</summary>
    private static TEnum? ParseEnum<TEnum>(string? value)
        where TEnum : struct, Enum =>
        !string.IsNullOrEmpty(value) && char.IsAsciiLetter(value[0])
            && Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : null;
}
