namespace Dashboard.Core.Results;

/// <summary>
/// Where a page of the Results grid starts and ends in its sort order. Handed back with the next request, it lets
/// the next or previous page be read from the page's last or first row (seek paging) instead of skipping every
/// row before it. Opaque outside Core: only the query that made it reads it.
/// </summary>
public sealed class ResultsPageBounds
{
    internal ResultsPageBounds(ResultsFilter filter, string sortKey, bool descending, int page, int pageSize, SortPosition first, SortPosition last)
    {
        Filter = filter;
        SortKey = sortKey;
        Descending = descending;
        Page = page;
        PageSize = pageSize;
        First = first;
        Last = last;
    }

    internal ResultsFilter Filter { get; }
    internal string SortKey { get; }
    internal bool Descending { get; }
    internal int Page { get; }
    internal int PageSize { get; }
    internal SortPosition First { get; }
    internal SortPosition Last { get; }

    /// <summary>Whether these bounds belong to the same view as a request for another page of it.</summary>
    internal bool SameView(ResultsFilter filter, string sortKey, bool descending, int pageSize) =>
        Filter == filter && SortKey == sortKey && Descending == descending && PageSize == pageSize;
}
