using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MudBlazor;

namespace Dashboard.Tests.Components.Localization;

/// <summary>
/// Checks that a page rendered in French shows no text of the English resources: every English value of the product's
/// .resx files (web and core) and of MudBlazor's own texts, unless its French text is the same word or it is allowed below.
/// Other features add their pages in their own test classes: render under <see cref="French"/>, then
/// <c>Assert.Empty(FrenchHarness.EnglishLeftovers(cut.Markup))</c>.
/// </summary>
public static partial class FrenchHarness
{
    /// <summary>
    /// Words that read the same in both languages (or are names), allowed on purpose. "Page" is French too ("Page
    /// introuvable"); "File" is the French for a queue ("File de correction").
    /// </summary>
    public static IReadOnlySet<string> SameInBothLanguages { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Excel", "Email", "Code", "Python", "ID", "OK", "PDF", "ZIP", "API", "ResultsDashboard", "English", "Français",
        "Page", "File",
    };

    private static readonly Lazy<IReadOnlyList<EnglishText>> Texts = new(LoadEnglishTexts);

    /// <summary>Sets fr-FR (formats and texts) until disposed; tests restore the culture they found.</summary>
    public static IDisposable French() => new CultureScope(CultureInfo.GetCultureInfo("fr-FR"));

    /// <summary>Sets en-GB until disposed.</summary>
    public static IDisposable English() => new CultureScope(CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>The English texts found in the markups' visible text (text nodes and the attributes people read or hear).</summary>
    public static IReadOnlyList<string> EnglishLeftovers(params string[] markups)
    {
        ArgumentNullException.ThrowIfNull(markups);
        var visible = string.Join("\n", markups.SelectMany(VisibleTexts));
        return [.. Texts.Value.Select(t => (Text: t, Match: t.Pattern.Match(visible))).Where(m => m.Match.Success)
            .Select(m => $"{m.Text.Source} \"{m.Text.Key}\": {m.Text.Value} — seen in \"{Around(visible, m.Match)}\"")];
    }

    /// <summary>The match with up to 30 characters either side, on one line: enough to tell the interface from the data.</summary>
    private static string Around(string visible, Match match)
    {
        var start = Math.Max(0, match.Index - 30);
        var end = Math.Min(visible.Length, match.Index + match.Length + 30);
        return visible[start..end].ReplaceLineEndings(" ⏎ ");
    }

    /// <summary>
    /// Each text node and each read attribute (aria-label, title, placeholder, alt, data-label, input value) on its own line,
    /// outside elements marked <c>translate="no"</c> (HTML's own mark for content that is not to be translated).
    /// </summary>
    public static IEnumerable<string> VisibleTexts(string markup)
    {
        var document = new HtmlParser().ParseDocument($"<html><body>{markup}</body></html>");
        foreach (var node in document.Body!.Descendants())
        {
            if (node is IElement { } untranslated && untranslated.Closest("[translate=no]") is not null)
            {
                // Data the page must not translate (a candidate's code, a header name): not the interface's words.
                continue;
            }

            if (node is IText text && text.ParentElement is { } parent && parent.LocalName is not ("script" or "style")
                && parent.Closest("[translate=no]") is null && !string.IsNullOrWhiteSpace(text.Data))
            {
                yield return text.Data.Trim();
            }
            else if (node is IElement element)
            {
                foreach (var name in new[] { "aria-label", "title", "placeholder", "alt", "data-label", "aria-description" })
                {
                    if (element.GetAttribute(name) is { Length: > 0 } value)
                    {
                        yield return value;
                    }
                }

                if (element.LocalName == "input" && element.GetAttribute("type") != "hidden" && element.GetAttribute("value") is { Length: > 0 } input)
                {
                    yield return input;
                }
            }
        }
    }

    private static List<EnglishText> LoadEnglishTexts()
    {
        var texts = new List<EnglishText>();
        // A text that is also the French of any key ("Session", "Date", "Total") is a French word too: seeing it proves nothing.
        var frenchWords = InterfaceResources.All().SelectMany(r => r.French?.Values ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var resource in InterfaceResources.All())
        {
            foreach (var (key, value) in resource.English)
            {
                if (resource.French?.GetValueOrDefault(key) is var french && french != value && !frenchWords.Contains(value))
                {
                    texts.Add(new EnglishText(resource.BaseName, key, value, french));
                }
            }
        }

        // MudBlazor's built-in English: each text the French localizer gives differently must not show.
        var mud = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudDataGrid<>).Assembly);
        var ours = InterfaceResources.All().Single(r => r.BaseName == "Dashboard.Web.Localization.MudBlazorText");
        foreach (System.Collections.DictionaryEntry entry in mud.GetResourceSet(CultureInfo.InvariantCulture, true, false)!)
        {
            if (entry.Value is string value && ours.French?.GetValueOrDefault((string)entry.Key) != value)
            {
                texts.Add(new EnglishText("MudBlazor", (string)entry.Key, value));
            }
        }

        return [.. texts.Where(t => t.IsChecked)];
    }

    private sealed record EnglishText(string Source, string Key, string Value, string? French = null)
    {
        /// <summary>The literal parts between placeholders ("Page {0} of {1}" → "Page", "of"), trimmed of punctuation.</summary>
        public IReadOnlyList<string> Fragments { get; } = [.. Placeholder().Split(Value)
            .Select(f => f.Trim().Trim(':', '.', '…', '(', ')', '—', '-', ',', ';').Trim())
            .Where(f => f.Any(char.IsLetter))];

        /// <summary>
        /// Worth looking for: at least three letters in all, and not a word allowed in both languages. A text with
        /// placeholders is matched whole ("Page … of"), so its single words ("Page") do not match French text.
        /// </summary>
        public bool IsChecked => Fragments.Sum(f => f.Count(char.IsLetter)) >= 3 && !SameInBothLanguages.Contains(string.Join(" ", Fragments));

        /// <summary>Each literal part as a whole word (so " for {0} s" does not match "formulation … Réponses"), in order.</summary>
        public Regex Pattern { get; } = new(
            string.Join(@"[\s\S]{0,80}?", LiteralParts(Value).Select(p => $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(p)}(?![\p{{L}}\p{{N}}])")),
            RegexOptions.CultureInvariant);

        private static IEnumerable<string> LiteralParts(string value) => Placeholder().Split(value)
            .Select(f => f.Trim().Trim(':', '.', '…', '(', ')', '—', '-', ',', ';').Trim())
            .Where(f => f.Any(char.IsLetter));
    }

    [GeneratedRegex(@"\{\{?[^}]*\}\}?")]
    private static partial Regex Placeholder();

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public CultureScope(CultureInfo culture) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
    }
}
