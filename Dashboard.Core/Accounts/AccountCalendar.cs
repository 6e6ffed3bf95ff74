using System.Globalization;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Accounts;

/// <summary>
/// An account's calendar: its time zone, its today, a period of its days as UTC bounds, and how its times read
/// ("01/12/2026 21:29 (Europe/Paris)" in the reader's culture). Every page, document, email and job asks this type, so all of them
/// count the same days.
/// </summary>
public sealed class AccountCalendar
{
    /// <summary>The culture's short date and time: "01/12/2026 21:29" under en-GB and fr-FR.</summary>
    public const string ScreenPattern = "g";

    public AccountCalendar(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
    }

    public static AccountCalendar Utc { get; } = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; }

    /// <summary>The IANA name users read beside a time: "Europe/Paris".</summary>
    public string ZoneName => Zone.Id;

    /// <summary>An unknown or missing zone id reads as UTC rather than failing a page.</summary>
    public static AccountCalendar For(string? timeZoneId) =>
        timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? new AccountCalendar(zone) : Utc;

    /// <summary>The Account is not account-filtered: it is looked up by id.</summary>
    public static async Task<AccountCalendar> LoadAsync(DashboardDbContext db, int accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.TimeZoneId).FirstOrDefaultAsync(cancellationToken);
        return For(id);
    }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public DateTimeOffset? ToLocal(DateTimeOffset? instant) => instant is { } at ? ToLocal(at) : null;

    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DayOf(time.GetUtcNow());
    }

    /// <summary>
    /// The first instant of a day, in UTC (stored instants are UTC and SQLite compares clock ticks, so bounds must be
    /// UTC too). Where midnight falls in a daylight-saving gap the day starts at the first valid minute.
    /// </summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        // An ambiguous midnight (clocks went back at it) starts at its first occurrence: the larger offset.
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The days <paramref name="from"/> to <paramref name="to"/> (both included) as a half-open UTC range; 23- and 25-hour days included.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Period(DateOnly from, DateOnly to) => (StartOf(from), StartOf(to.AddDays(1)));

    /// <summary>The account's day holding <paramref name="instant"/>, as a half-open UTC range.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) DayRange(DateTimeOffset instant)
    {
        var day = DayOf(instant);
        return Period(day, day);
    }

    public (DateTimeOffset Start, DateTimeOffset End) TodayRange(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DayRange(time.GetUtcNow());
    }

    /// <summary>
    /// "01/12/2026 21:29 (Europe/Paris)": the local time with the zone it is in, in the current culture (screens; documents
    /// use DocumentText). Outside a request (a job, a test) the culture is the invariant one: times then read as in en-GB.
    /// </summary>
    public string Format(DateTimeOffset instant, string pattern = ScreenPattern) =>
        $"{ToLocal(instant).ToString(pattern, ReaderCulture)} ({ZoneName})";

    private static CultureInfo ReaderCulture => CultureInfo.CurrentCulture.Equals(CultureInfo.InvariantCulture)
        ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.CurrentCulture;

    public string Format(DateTimeOffset? instant, string pattern = ScreenPattern) => instant is { } at ? Format(at, pattern) : "—";
}

/// <summary>The calendar of the scope's account (a circuit, a request, a job), read once per scope.</summary>
public sealed class AccountCalendars(IDbContextFactory<DashboardDbContext> dbFactory, AccountScope scope)
{
    private (int AccountId, AccountCalendar Calendar)? _current;

    public async Task<AccountCalendar> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var accountId = scope.RequireAccountId();
        if (_current is { } current && current.AccountId == accountId)
        {
            return current.Calendar;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var calendar = await AccountCalendar.LoadAsync(db, accountId, cancellationToken);
        _current = (accountId, calendar);
        return calendar;
    }
}
