using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Steunpunt.Chat;
using Steunpunt.Chat.Schedule;
using Steunpunt.Common;

namespace Steunpunt.UnitTests.Chat;

public class ChatScheduleTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static ChatSchedule Schedule(Action<ChatOptions>? change = null)
    {
        var options = new ChatOptions();
        change?.Invoke(options);
        return new ChatSchedule(Options.Create(options), new OrganisationClock(TimeProvider.System, Amsterdam));
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0);
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
    }

    [Fact]
    public void In_office_hours_the_chat_is_open_until_the_period_ends()
    {
        var monday = Local(2026, 11, 30, 10);
        var availability = Schedule().At(monday);
        Assert.True(availability.Open);
        Assert.Equal(Local(2026, 11, 30, 17), availability.ClosesAt);
    }

    [Fact]
    public void Between_office_hours_and_the_evening_shift_it_opens_again_at_the_evening_shift()
    {
        var availability = Schedule().At(Local(2026, 11, 30, 17, 30));
        Assert.False(availability.Open);
        Assert.Equal(Local(2026, 11, 30, 18), availability.NextOpening);
    }

    [Fact]
    public void After_friday_office_hours_the_next_opening_is_monday_morning()
        => Assert.Equal(Local(2026, 12, 7, 9), Schedule().At(Local(2026, 12, 4, 18)).NextOpening);

    [Fact]
    public void A_holiday_is_closed_and_skipped()
    {
        var schedule = Schedule(o => o.Holidays = ["2026-12-25"]);
        Assert.False(schedule.At(Local(2026, 12, 25, 10)).Open);
        Assert.Equal(Local(2026, 12, 28, 9), schedule.At(Local(2026, 12, 24, 21, 30)).NextOpening);
    }

    [Theory]
    [InlineData(2026, 12, 25, 3)]  // a holiday, at night
    [InlineData(2026, 12, 5, 22)]  // a Saturday evening, no opening hours
    [InlineData(2026, 3, 29, 2)]   // the spring-forward night
    public void Always_open_opens_every_hour_of_every_day_with_no_closing_time(int year, int month, int day, int hour)
    {
        var schedule = Schedule(o =>
        {
            o.AlwaysOpen = true;
            o.Holidays = ["2026-12-25"];
            o.OpeningHours.Clear();
        });
        Assert.Equal(new ChatAvailability(true, null, null), schedule.At(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Always_open_is_off_by_default()
    {
        Assert.False(new ChatOptions().AlwaysOpen);
        Assert.False(Schedule(o => o.OpeningHours.Clear()).At(Local(2026, 12, 2, 10)).Open);
    }

    [Fact]
    public void Opening_times_follow_the_clock_change_in_spring()
    {
        // Sunday 29 March 2026: 02:00 local does not exist (clocks go to 03:00); Monday opens at 09:00 CEST = 07:00 UTC.
        var schedule = Schedule(o => o.OpeningHours["Sunday"] = "02:30-04:00");
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), schedule.At(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero)).NextOpening);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), schedule.At(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.Zero)).NextOpening);
    }

    [Fact]
    public void Opening_times_follow_the_clock_change_in_autumn()
    {
        // Sunday 25 October 2026: 02:00-03:00 local happens twice; a period starting at 02:30 starts at its first occurrence (00:30 UTC).
        var schedule = Schedule(o => o.OpeningHours["Sunday"] = "02:30-05:00");
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), schedule.At(new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero)).NextOpening);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 4, 0, 0, TimeSpan.Zero), schedule.At(new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero)).ClosesAt);
        // Monday is back on winter time: 09:00 CET = 08:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero), schedule.At(new DateTimeOffset(2026, 10, 25, 5, 0, 0, TimeSpan.Zero)).NextOpening);
    }

    [Fact]
    public void A_period_to_midnight_is_open_until_midnight()
    {
        var schedule = Schedule(o => o.OpeningHours["Saturday"] = "20:00-24:00");
        Assert.Equal(Local(2026, 12, 6, 0), schedule.At(Local(2026, 12, 5, 23, 59)).ClosesAt);
    }

    [Fact]
    public void Evening_is_the_local_time_from_the_evening_start()
    {
        var schedule = Schedule();
        Assert.True(schedule.IsEvening(Local(2026, 7, 1, 18)));
        Assert.False(schedule.IsEvening(Local(2026, 7, 1, 17, 59)));
        Assert.Equal(18, schedule.LocalHour(new DateTimeOffset(2026, 7, 1, 16, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("Monday", "17:00-09:00")]
    [InlineData("Monday", "09:00-12:00,11:00-13:00")]
    [InlineData("Monday", "9-17")]
    [InlineData("Maandag", "09:00-17:00")]
    public void Malformed_opening_hours_are_refused(string day, string periods)
    {
        var options = new ChatOptions();
        options.OpeningHours[day] = periods;
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("")]
    public void A_closed_day_can_be_written_out(string periods)
    {
        var schedule = Schedule(o => o.OpeningHours["Monday"] = periods);
        Assert.False(schedule.At(Local(2026, 11, 30, 10)).Open);
    }
}
