using Dashboard.Core.Results;

namespace Dashboard.Web.Components.Pages.Results;

/// <summary>Rows are the same row when they have the same registration ID, whatever changed in them.</summary>
public sealed class RowIdComparer : IEqualityComparer<ResultRow>
{
    public static RowIdComparer Instance { get; } = new();

    public bool Equals(ResultRow? x, ResultRow? y) => x?.Id == y?.Id;

    public int GetHashCode(ResultRow obj) => obj?.Id ?? 0;
}
