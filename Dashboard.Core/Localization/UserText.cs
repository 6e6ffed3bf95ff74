using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;

namespace Dashboard.Core.Localization;

/// <summary>
/// The messages Core's rules give a person (<see cref="Accounts.DomainRuleException"/>, <see cref="Accounts.NotFoundException"/>,
/// conflicts…): each feature's <c>&lt;Feature&gt;Errors.resx</c> (English, the neutral resources) and <c>.fr.resx</c> beside its
/// marker class, the same kind of files as the documents' and the interface's. A message is worded when its exception is built,
/// in the current UI culture: a Blazor circuit runs in the administrator's, a static page in the request's, a job or a test in
/// the invariant one (English). A message for a known reader in another language (the candidate) names that culture.
/// </summary>
internal static class UserText
{
    private static readonly ConcurrentDictionary<Type, ResourceManager> Managers = new();

    /// <summary>The text of <paramref name="key"/> in the current UI culture, its arguments formatted in the current culture.</summary>
    public static string Get<TFeature>(string key, params object?[] arguments) where TFeature : class =>
        Format(typeof(TFeature), CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture, key, arguments);

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/>, whatever the thread's culture.</summary>
    public static string In<TFeature>(CultureInfo culture, string key, params object?[] arguments) where TFeature : class =>
        Format(typeof(TFeature), culture, culture, key, arguments);

    private static string Format(Type feature, CultureInfo language, CultureInfo formats, string key, object?[] arguments)
    {
        var text = Managers.GetOrAdd(feature, type => new ResourceManager(type)).GetString(key, language) ?? key;
        return arguments.Length == 0 ? text : string.Format(formats, text, arguments);
    }
}
