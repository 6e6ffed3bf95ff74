using Dashboard.Core.Domain;
using Dashboard.Core.Results;

namespace Dashboard.Web.Components.Pages.Results;

/// <summary>Where the grid is: sort key and direction, zero-based page, page size.</summary>
public sealed record ResultsGridPosition(string SortKey, bool Descending, int Page, int PageSize)
{
    public const int DefaultPageSize = 25;

    public static IReadOnlyList<int> PageSizes { get; } = [10, 25, 50, 100];

    public static ResultsGridPosition Default { get; } = new(ResultsSortKeys.Id, true, 0, DefaultPageSize);
}

/// <summary>
/// The Results view as the URL query string carries it, so reload, back and a shared link restore it.
/// Defaults are left out of the URL; unknown or malformed values fall back to the default.
/// </summary>
public sealed record ResultsViewState(ResultsFilter Filter, ResultsGridPosition Position)
{
    public static ResultsViewState Default { get; } = new(ResultsFilter.Default, ResultsGridPosition.Default);

    public static ResultsViewState FromQuery(ResultsQueryValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var filter = new ResultsFilter
        {
            Search = string.IsNullOrWhiteSpace(values.Search) ? null : values.Search,
            Status = ParseEnum<RegistrationStatus>(values.Status),
            TestType = ParseEnum<TestType>(values.Type),
            GroupId = values.Group is > 0 ? values.Group : null,
            SessionId = values.Session is > 0 ? values.Session : null,
            SubjectId = values.Subject is > 0 ? values.Subject : null,
            IncludeArchivedGroups = values.Archived == true,
        };
        var sortKey = values.Sort is { } s && ResultsSortKeys.All.Contains(s) ? s : ResultsGridPosition.Default.SortKey;
        var descending = values.Descending ?? (values.Sort is null || sortKey != values.Sort ? ResultsGridPosition.Default.Descending : false);
        var pageSize = values.Size is { } size && ResultsGridPosition.PageSizes.Contains(size) ? size : ResultsGridPosition.DefaultPageSize;
        var page = values.Page is > 1 ? values.Page.Value - 1 : 0;
        return new ResultsViewState(filter, new ResultsGridPosition(sortKey, descending, page, pageSize));
    }

    /// <summary>Query parameters of the filter; null removes a parameter. A filter change goes back to the first page.</summary>
    public static Dictionary<string, object?> FilterParameters(ResultsFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new Dictionary<string, object?>
        {
            [ResultsQueryValues.SearchName] = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search,
            [ResultsQueryValues.StatusName] = filter.Status?.ToString(),
            [ResultsQueryValues.TypeName] = filter.TestType?.ToString(),
            [ResultsQueryValues.GroupName] = filter.GroupId,
            [ResultsQueryValues.SessionName] = filter.SessionId,
            [ResultsQueryValues.SubjectName] = filter.SubjectId,
            [ResultsQueryValues.ArchivedName] = filter.IncludeArchivedGroups ? "true" : null,
            [ResultsQueryValues.PageName] = null,
        };
    }

    public static Dictionary<string, object?> PositionParameters(ResultsGridPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        var d = ResultsGridPosition.Default;
        var isDefaultSort = position.SortKey == d.SortKey && position.Descending == d.Descending;
        return new Dictionary<string, object?>
        {
            [ResultsQueryValues.SortName] = isDefaultSort ? null : position.SortKey,
            [ResultsQueryValues.DescendingName] = isDefaultSort ? null : position.Descending ? "true" : "false",
            [ResultsQueryValues.PageName] = position.Page > 0 ? position.Page + 1 : null,
            [ResultsQueryValues.SizeName] = position.PageSize == ResultsGridPosition.DefaultPageSize ? null : position.PageSize,
        };
    }

    private static TEnum? ParseEnum<TEnum>(string? value)
        where TEnum : struct, Enum =>
        !string.IsNullOrEmpty(value) && !char.IsAsciiDigit(value[0]) && value[0] != '-'
            && Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : null;
}

/// <summary>The raw query-string values (what <c>[SupplyParameterFromQuery]</c> gives a page).</summary>
public sealed record ResultsQueryValues
{
    public const string SearchName = "q";
    public const string StatusName = "status";
    public const string TypeName = "type";
    public const string GroupName = "group";
    public const string SessionName = "session";
    public const string SubjectName = "subject";
    public const string ArchivedName = "archived";
    public const string SortName = "sort";
    public const string DescendingName = "desc";
    public const string PageName = "page";
    public const string SizeName = "size";

    public string? Search { get; init; }
    public string? Status { get; init; }
    public string? Type { get; init; }
    public int? Group { get; init; }
    public int? Session { get; init; }
    public int? Subject { get; init; }
    public bool? Archived { get; init; }
    public string? Sort { get; init; }
    public bool? Descending { get; init; }
    public int? Page { get; init; }
    public int? Size { get; init; }
}
