using Dashboard.Core.Accounts;
using Dashboard.Core.Documents.Localization;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Core.Accounts;

public sealed class AccountCalendarTests
{
    private static readonly AccountCalendar Paris = AccountCalendar.For("Europe/Paris");

    [Fact]
    public void TodayIsTheCalendarDayInTheAccountsTimeZone()
    {
        // 23:30 UTC on 26 November is already 27 November in Paris.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.Zero));

        var (start, end) = Paris.TodayRange(time);

        Assert.Equal(new DateOnly(2026, 11, 27), Paris.Today(time));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 23, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void ThePeriodOfTheSpringChangeIsAnHourShorterAndItsBoundsAreUtc()
    {
        var (start, end) = Paris.Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 29));

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), end);
        Assert.Equal((TimeSpan.Zero, TimeSpan.Zero), (start.Offset, end.Offset));
        var (dayStart, dayEnd) = Paris.Period(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29));
        Assert.Equal(TimeSpan.FromHours(23), dayEnd - dayStart);
    }

    [Fact]
    public void TheAutumnChangeDayLasts25Hours()
    {
        var (start, end) = Paris.Period(new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 25));

        Assert.Equal(new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(TimeSpan.FromHours(25), end - start);
    }

    [Theory]
    [InlineData("Europe/Paris")]
    [InlineData("America/Santiago")] // clocks jump at midnight: some days have no 00:00
    [InlineData("America/Havana")]
    [InlineData("Asia/Beirut")]
    public void EveryDayOfTheYearStartsOnItsOwnDateAndFollowsThePreviousOne(string zoneId)
    {
        var calendar = AccountCalendar.For(zoneId);
        for (var day = new DateOnly(2026, 1, 1); day.Year == 2026; day = day.AddDays(1))
        {
            var start = calendar.StartOf(day);
            var length = calendar.StartOf(day.AddDays(1)) - start;

            Assert.Equal(day, calendar.DayOf(start));
            Assert.NotEqual(day, calendar.DayOf(start.AddTicks(-1)));
            Assert.InRange(length, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
        }
    }

    [Fact]
    public void TimesReadInTheAccountsZoneWithItsName()
    {
        var instant = new DateTimeOffset(2026, 12, 1, 20, 29, 0, TimeSpan.Zero);

        Assert.Equal("01/12/2026 21:29 (Europe/Paris)", Paris.Format(instant));
        Assert.Equal("2026-12-01 21:29 (Europe/Paris)", Paris.Format(instant, "yyyy-MM-dd HH:mm"));
        Assert.Equal("—", Paris.Format((DateTimeOffset?)null));
    }

    [Fact]
    public void DocumentsNameTheZoneInEnglishAndFrench()
    {
        var local = Paris.ToLocal(new DateTimeOffset(2026, 12, 1, 20, 29, 0, TimeSpan.Zero));

        Assert.Equal("1 December 2026, 21:29 (Europe/Paris)", DocumentText.English.In(Paris.ZoneName).DateTime(local));
        Assert.Equal("1 décembre 2026 à 21:29 (Europe/Paris)", DocumentText.French.In(Paris.ZoneName).DateTime(local));
    }

    [Fact]
    public void AnUnknownZoneReadsAsUtc()
    {
        Assert.Same(AccountCalendar.Utc, AccountCalendar.For("Mars/Olympus_Mons"));
        Assert.Same(AccountCalendar.Utc, AccountCalendar.For(null));
    }
}
