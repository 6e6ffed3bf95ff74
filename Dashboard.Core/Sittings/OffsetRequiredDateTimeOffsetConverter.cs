using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Sittings;

/// <summary>
/// Reads an ISO 8601 time only when it says which offset it is in ("…Z", "…+01:00"). System.Text.Json would
/// read "2026-12-01T09:00:00" in the server's local zone: a guess that moves a sitting by hours.
/// </summary>
public sealed class OffsetRequiredDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public const string Message = "The time must be ISO 8601 with an offset, e.g. 2026-12-01T09:00:00Z or 2026-12-01T10:00:00+01:00.";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value) || !HasOffset(reader.GetString()!))
        {
            throw new SittingEventTimeFormatException(Message);
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    /// <summary>The time part (after 'T') ends in Z or carries a sign: nothing else in it can be '+' or '-'.</summary>
    private static bool HasOffset(string text)
    {
        var t = text.IndexOfAny(['T', 't']);
        if (t < 0)
        {
            return false;
        }

        var time = text.AsSpan(t + 1);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') >= 0;
    }
}

/// <summary>A time the API cannot read without guessing; its message is meant for the sender.</summary>
public sealed class SittingEventTimeFormatException(string message) : JsonException(message);
