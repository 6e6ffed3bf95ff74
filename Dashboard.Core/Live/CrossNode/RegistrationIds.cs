using System.Collections.Concurrent;
using System.Reflection;

namespace Dashboard.Core.Live.CrossNode;

/// <summary>The registration an account-owned row belongs to, by its RegistrationId property (the model's convention).</summary>
internal static class RegistrationIds
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> Properties = new();

    public static int? Of(object entity) =>
        Properties.GetOrAdd(entity.GetType(), type => type.GetProperty("RegistrationId") is { } p
                && (p.PropertyType == typeof(int) || p.PropertyType == typeof(int?)) ? p : null)
            ?.GetValue(entity) as int?;
}
