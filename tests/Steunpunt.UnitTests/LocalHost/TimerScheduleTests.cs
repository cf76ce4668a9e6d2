using Microsoft.Extensions.Configuration;
using Steunpunt.LocalHost.Triggers;

namespace Steunpunt.UnitTests.LocalHost;

public class TimerScheduleTests
{
    private static IConfiguration Settings(params (string, string)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Item1, v.Item2))).Build();

    private static readonly IConfiguration Amsterdam = Settings(("WEBSITE_TIME_ZONE", "Europe/Amsterdam"));

    [Fact]
    public void Occurrences_are_in_the_configured_time_zone()
    {
        var schedule = TimerSchedule.Parse("0 15 3 * * *", Amsterdam, "Purge");
        // 03:15 in Amsterdam in winter is 02:15 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 15, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_time_skipped_by_daylight_saving_runs_once_right_after_the_gap()
    {
        // On 2027-03-28 Amsterdam clocks jump from 02:00 to 03:00; 02:30 does not exist that night.
        var schedule = TimerSchedule.Parse("0 30 2 * * *", Amsterdam, "Nightly");
        var next = schedule.NextAfter(new DateTimeOffset(2027, 3, 27, 23, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 0, 30, 0, TimeSpan.Zero), schedule.NextAfter(next));
    }

    [Fact]
    public void A_time_repeated_by_daylight_saving_runs_once()
    {
        // On 2026-10-25 Amsterdam clocks go back from 03:00 to 02:00; 02:30 happens twice.
        var schedule = TimerSchedule.Parse("0 30 2 * * *", Amsterdam, "Nightly");
        var first = schedule.NextAfter(new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), schedule.NextAfter(first));
    }

    [Fact]
    public void Without_a_zone_setting_schedules_are_utc()
        => Assert.Equal(TimeZoneInfo.Utc, TimerSchedule.Parse("0 0 * * * *", Settings(), "Hourly").Zone);

    [Fact]
    public void Five_field_cron_is_refused_because_ncrontab_has_seconds()
        => Assert.Contains("six-field", Assert.Throws<InvalidOperationException>(() => TimerSchedule.Parse("15 3 * * *", Amsterdam, "Purge")).Message);

    [Fact]
    public void A_schedule_can_come_from_a_setting()
        => Assert.Equal("0 */5 * * * *", TimerSchedule.Parse("%Sweep__Schedule%", Settings(("Sweep:Schedule", "0 */5 * * * *")), "Sweep").Text);

    [Fact]
    public void A_missing_schedule_setting_is_named()
        => Assert.Contains("Sweep__Schedule", Assert.Throws<InvalidOperationException>(() => TimerSchedule.Parse("%Sweep__Schedule%", Settings(), "Sweep")).Message);

    [Fact]
    public void An_unknown_time_zone_is_named()
        => Assert.Contains("Mars/Olympus", Assert.Throws<InvalidOperationException>(() => TimerSchedule.Parse("0 0 * * * *", Settings(("TZ", "Mars/Olympus")), "X")).Message);
}
