using Dashboard.Core.Accounts;

namespace Dashboard.Core.Results;

/// <summary>The Today's results preset: sittings that started or completed on the account's today.</summary>
public static class Today
{
    public static ResultsFilter Apply(ResultsFilter filter, AccountCalendar calendar, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(calendar);
        var (start, end) = calendar.TodayRange(time);
        return filter with { ActivityFrom = start, ActivityTo = end };
    }
}
