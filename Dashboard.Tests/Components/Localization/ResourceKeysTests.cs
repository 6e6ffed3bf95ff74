using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;

namespace Dashboard.Tests.Components.Localization;

/// <summary>Every text of the product exists in English and in French: every embedded .resx of the web and the core.</summary>
public sealed partial class ResourceKeysTests
{
    [Fact]
    public void EveryResourceKeyExistsInEnglishAndInFrench()
    {
        var problems = new List<string>();
        var checkedResources = new List<string>();
        foreach (var resource in InterfaceResources.All())
        {
            checkedResources.Add(resource.BaseName);
            if (resource.French is null)
            {
                problems.Add($"{resource.BaseName}: no French resources (fr/{resource.Assembly.GetName().Name}.resources.dll)");
                continue;
            }

            problems.AddRange(resource.English.Keys.Except(resource.French.Keys).Select(k => $"{resource.BaseName}: \"{k}\" has no French text"));
            problems.AddRange(resource.French.Keys.Except(resource.English.Keys).Select(k => $"{resource.BaseName}: \"{k}\" has no English text"));
            foreach (var (key, english) in resource.English)
            {
                if (resource.French.TryGetValue(key, out var french))
                {
                    if (string.IsNullOrWhiteSpace(english) || string.IsNullOrWhiteSpace(french))
                    {
                        problems.Add($"{resource.BaseName}: \"{key}\" is empty in one language");
                    }
                    else if (!Placeholders(english).SetEquals(Placeholders(french)))
                    {
                        problems.Add($"{resource.BaseName}: \"{key}\" has placeholders {{{string.Join(",", Placeholders(english))}}} in English and {{{string.Join(",", Placeholders(french))}}} in French");
                    }
                }
            }
        }

        // The check cannot pass by finding nothing: the interface's own resources must be among those read.
        Assert.Contains("Dashboard.Web.Localization.SharedText", checkedResources);
        Assert.Contains("Dashboard.Web.Localization.MudBlazorText", checkedResources);
        Assert.Empty(problems);
    }

    [Fact]
    public void AKeyMissingInFrenchIsFound()
    {
        var english = new Dictionary<string, string> { ["Save"] = "Save", ["Cancel"] = "Cancel" };
        var french = new Dictionary<string, string> { ["Save"] = "Enregistrer" };

        Assert.Equal(new[] { "Cancel" }, english.Keys.Except(french.Keys));
        Assert.False(Placeholders("{0} of {1}").SetEquals(Placeholders("{0} sur")));
    }

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text.Replace("{{", "", StringComparison.Ordinal)).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+[^}]*\}")]
    private static partial Regex PlaceholderPattern();
}

/// <summary>One embedded resource of the product: its English (neutral) and French texts.</summary>
internal sealed record InterfaceResource(Assembly Assembly, string BaseName, IReadOnlyDictionary<string, string> English, IReadOnlyDictionary<string, string>? French)
{
    public ResourceManager Manager => new(BaseName, Assembly);
}

internal static class InterfaceResources
{
    private static readonly CultureInfo FrenchCulture = CultureInfo.GetCultureInfo("fr");

    public static IReadOnlyList<Assembly> Assemblies { get; } =
        [typeof(Dashboard.Web.DependencyInjection).Assembly, typeof(Dashboard.Core.DependencyInjection).Assembly];

    /// <summary>Every .resources embedded in the web and core assemblies, found by name (new files are covered without listing them).</summary>
    public static IEnumerable<InterfaceResource> All()
    {
        foreach (var assembly in Assemblies)
        {
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var baseName = name[..^".resources".Length];
                var manager = new ResourceManager(baseName, assembly);
                yield return new InterfaceResource(assembly, baseName,
                    Read(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false))!,
                    Read(manager.GetResourceSet(FrenchCulture, createIfNotExists: true, tryParents: false)));
            }
        }
    }

    private static Dictionary<string, string>? Read(ResourceSet? set) => set?.Cast<DictionaryEntry>()
        .Where(e => e.Value is string)
        .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
}
