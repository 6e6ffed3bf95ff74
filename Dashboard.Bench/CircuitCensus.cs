using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.RenderTree;

namespace Dashboard.Bench;

/// <summary>
/// What the open circuits' components hold, by component type: how many, and the render-tree frames their two
/// builders (current and previous tree) keep allocated. Read through the framework's internals by reflection
/// (CircuitRegistry → CircuitHost.Renderer → the renderer's component states), so it is a bench diagnostic only:
/// when a framework update renames a member it prints that it could not look, and the suite goes on.
/// </summary>
internal static class CircuitCensus
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static void Print(WebApplication app, int pages, int top = 25)
    {
        try
        {
            var rows = Count(app);
            var totalFrames = rows.Values.Sum(r => r.FrameBytes);
            var totalComponents = rows.Values.Sum(r => r.Components);
            Console.WriteLine(FormattableString.Invariant(
                $"  census: {totalComponents / (double)pages:F0} components and {totalFrames / 1024.0 / pages:F0} KB of frame arrays per page"));
            foreach (var (type, row) in rows.OrderByDescending(r => r.Value.FrameBytes).Take(top))
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"    {row.Components / (double)pages,6:F1} × {type,-60} {row.FrameBytes / 1024.0 / pages,8:F1} KB frames/page (largest array {row.Largest} frames)"));
            }
        }
#pragma warning disable CA1031 // A diagnostic that cannot read the internals says so and lets the bench finish.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Console.WriteLine($"  census: could not read the circuits ({ex.GetType().Name}: {ex.Message})");
        }
    }

    private static Dictionary<string, (int Components, long FrameBytes, int Largest)> Count(WebApplication app)
    {
        var serverAssembly = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).Assembly;
        var registryType = serverAssembly.GetType("Microsoft.AspNetCore.Components.Server.Circuits.CircuitRegistry", throwOnError: true)!;
        var registry = app.Services.GetService(registryType) ?? throw new InvalidOperationException("no CircuitRegistry");
        var circuits = (IEnumerable)registryType.GetProperty("ConnectedCircuits", Instance)!.GetValue(registry)!;
        var frameSize = Unsafe.SizeOf<RenderTreeFrame>();
        var rows = new Dictionary<string, (int Components, long FrameBytes, int Largest)>();
        foreach (var pair in circuits)
        {
            var host = pair.GetType().GetProperty("Value")!.GetValue(pair)!;
            var renderer = host.GetType().GetProperty("Renderer", Instance)!.GetValue(host)!;
            var states = (IDictionary)FieldOfType(renderer, t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>)
                && t.GetGenericArguments()[0] == typeof(int) && t.GetGenericArguments()[1].Name.Contains("ComponentState", StringComparison.Ordinal))!;
            foreach (var state in states.Values)
            {
                var component = state!.GetType().GetProperty("Component", Instance)!.GetValue(state)!;
                var name = Name(component.GetType());
                var (frames, largest) = (0L, 0);
                foreach (var field in AllFields(state.GetType()).Where(f => f.FieldType.Name == "RenderTreeBuilder"))
                {
                    foreach (var length in ArrayLengths(field.GetValue(state)))
                    {
                        frames += length;
                        largest = Math.Max(largest, length);
                    }
                }

                rows[name] = rows.TryGetValue(name, out var row)
                    ? (row.Components + 1, row.FrameBytes + frames * frameSize, Math.Max(row.Largest, largest))
                    : (1, frames * frameSize, largest);
            }
        }

        return rows;
    }

    /// <summary>The RenderTreeFrame arrays a builder holds (its frame list, through the array builder it wraps).</summary>
    private static IEnumerable<int> ArrayLengths(object? builder)
    {
        if (builder is null)
        {
            yield break;
        }

        foreach (var field in AllFields(builder.GetType()))
        {
            var value = field.GetValue(builder);
            if (value is RenderTreeFrame[] frames)
            {
                yield return frames.Length;
            }
            else if (value is not null && field.FieldType.Name.Contains("ArrayBuilder", StringComparison.Ordinal))
            {
                foreach (var inner in AllFields(value.GetType()).Select(f => f.GetValue(value)).OfType<RenderTreeFrame[]>())
                {
                    yield return inner.Length;
                }
            }
        }
    }

    private static object? FieldOfType(object target, Func<Type, bool> match) =>
        AllFields(target.GetType()).FirstOrDefault(f => match(f.FieldType))?.GetValue(target);

    private static IEnumerable<FieldInfo> AllFields(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            foreach (var field in type.GetFields(Instance | BindingFlags.DeclaredOnly))
            {
                yield return field;
            }
        }
    }

    private static string Name(Type type) => type.IsGenericType
        ? string.Create(CultureInfo.InvariantCulture, $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(",", type.GetGenericArguments().Select(Name))}>")
        : type.Name;
}
