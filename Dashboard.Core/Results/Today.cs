namespace Dashboard.Core.Results;

/// <summary>"Today" in an account's time zone, as a half-open UTC range [Start, End).</summary>
public static class Today
{
    public static (DateTimeOffset Start, DateTimeOffset End) Range(string timeZoneId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Range(timeZoneId, time.GetUtcNow());
    }

    public static (DateTimeOffset Start, DateTimeOffset End) Range(string timeZoneId, DateTimeOffset instant)
    {
        var zone = FindZone(timeZoneId);
        var now = TimeZoneInfo.ConvertTime(instant, zone);
        var startLocal = now.Date;
        var endLocal = startLocal.AddDays(1);
        // Offsets are taken at each bound, so days of a daylight-saving change last 23 or 25 hours.
        var start = new DateTimeOffset(startLocal, zone.GetUtcOffset(startLocal)).ToUniversalTime();
        var end = new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
        return (start, end);
    }

    /// <summary>The Today's results preset: sittings that started or completed today.</summary>
    public static ResultsFilter Apply(ResultsFilter filter, string timeZoneId, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (start, end) = Range(timeZoneId, time);
        return filter with { ActivityFrom = start, ActivityTo = end };
    }

    private static TimeZoneInfo FindZone(string timeZoneId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
        catch (InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
