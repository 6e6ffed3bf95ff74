namespace Dashboard.Web.Localization;

/// <summary>
/// Marks the interface's shared words: SharedText.resx (English) and SharedText.fr.resx. Statuses, test types, levels,
/// proctoring labels, audit actions (read through <see cref="Components.Labels"/>), common verbs, the app bar and the shared components.
/// </summary>
public sealed class SharedText;
