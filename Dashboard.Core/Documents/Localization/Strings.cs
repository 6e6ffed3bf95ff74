using System.Resources;

namespace Dashboard.Core.Documents.Localization;

/// <summary>
/// The strings of the documents, emails and bulk requests: Strings.resx (English, the neutral resources) and
/// Strings.fr.resx, the same kind of files as the interface's. A document chooses its language per request, not per
/// thread, so <see cref="DocumentText"/> reads them with an explicit culture. Both languages have the same keys (a test checks).
/// </summary>
internal static class Strings
{
    public static ResourceManager Resources { get; } = new("Dashboard.Core.Documents.Localization.Strings", typeof(Strings).Assembly);
}
