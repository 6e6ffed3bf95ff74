using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Documents;

/// <summary>The account's time zone: documents and lists show wall-clock times where the account is.</summary>
internal static class AccountTimeZone
{
    public static async Task<TimeZoneInfo> FindAsync(DashboardDbContext db, int accountId, CancellationToken cancellationToken)
    {
        var id = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "UTC", out var zone) ? zone : TimeZoneInfo.Utc;
    }
}
