namespace Dashboard.Core.Results;

/// <summary>"Today" in the account's time zone, as the [From, To) instants the Today's results view filters on.</summary>
public static class TodayActivityWindow
{
    public static (DateTimeOffset From, DateTimeOffset To) For(string timeZoneId, DateTimeOffset now)
    {
        var zone = FindZone(timeZoneId);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date;
        var next = midnight.AddDays(1);
        return (new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)), new DateTimeOffset(next, zone.GetUtcOffset(next)));
    }

    public static ResultsFilter Apply(ResultsFilter filter, string timeZoneId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (from, to) = For(timeZoneId, now);
        return filter with { ActivityFrom = from, ActivityTo = to };
    }

    private static TimeZoneInfo FindZone(string timeZoneId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
