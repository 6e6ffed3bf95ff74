using System.Globalization;

namespace Dashboard.Bench;

/// <summary>"--name value" options shared by the suites.</summary>
internal static class BenchArgs
{
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;
    }

    public static bool Flag(string[] args, string name) => args.Contains(name, StringComparer.OrdinalIgnoreCase);
}
