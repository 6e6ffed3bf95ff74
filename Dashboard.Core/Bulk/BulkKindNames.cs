using Dashboard.Core.Bulk.Kinds;
using Dashboard.Core.Documents.Localization;

namespace Dashboard.Core.Bulk;

/// <summary>The actions' names as the menu, the Jobs page and the emails show them, read from the strings table.</summary>
public static class BulkKindNames
{
    public static string Of(BulkKind kind, string language = "en") =>
        BulkKinds.Find(kind) is { } descriptor ? DocumentText.For(language)[descriptor.NameKey] : kind.ToString();

    /// <summary>The menu's wording for an action ("Download the group report").</summary>
    public static string MenuLabel(BulkKind kind, string language = "en") =>
        BulkKinds.Find(kind) is { } descriptor ? DocumentText.For(language)[descriptor.MenuKey] : kind.ToString();
}
