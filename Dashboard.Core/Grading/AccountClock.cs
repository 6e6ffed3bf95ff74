using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Grading;

/// <summary>Shows instants in the account's own time zone (the Account is not account-filtered: look it up by id).</summary>
internal static class AccountClock
{
    public static async Task<TimeZoneInfo> ZoneAsync(DashboardDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var id = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public static DateTimeOffset? ToLocal(DateTimeOffset? instant, TimeZoneInfo zone) =>
        instant is { } at ? TimeZoneInfo.ConvertTime(at, zone) : null;
}
