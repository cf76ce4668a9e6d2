using Steunpunt.Reminders;
using Steunpunt.Reminders.Appointments;
using Steunpunt.Reminders.Insights;
using Steunpunt.Reminders.Sending;

namespace Steunpunt.UnitTests.Reminders;

public class ReminderRulesTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly ReminderPlanner Planner = new(Amsterdam, 21, 8);
    private static readonly TimeSpan[] Leads = [TimeSpan.FromHours(24), TimeSpan.FromHours(2)];
    private static readonly DateTimeOffset LongAgo = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Local(string text) => LocalStartTime.Parse(text, Amsterdam).Instant!.Value;

    [Fact]
    public void Reminders_are_due_the_lead_times_before_the_start()
    {
        var start = Local("2026-06-10T14:00");
        var plan = Planner.Plan(start, Leads, LongAgo);
        Assert.Equal([start.AddHours(-24), start.AddHours(-2)], plan.Select(p => p.DueAt));
        Assert.Equal(new DateTimeOffset(2026, 6, 9, 12, 0, 0, TimeSpan.Zero), plan[0].DueAt); // 14:00 CEST = 12:00 UTC
    }

    [Fact]
    public void Reminders_already_due_when_planned_are_left_out()
    {
        var start = Local("2026-06-10T14:00");
        var plan = Planner.Plan(start, Leads, start.AddHours(-5));
        Assert.Equal([start.AddHours(-2)], plan.Select(p => p.DueAt));
    }

    [Fact]
    public void A_reminder_due_in_the_night_goes_out_at_eight_if_the_appointment_is_still_ahead()
    {
        // 09:30 start: 2 h lead is 07:30, moved to 08:00; 24 h lead is 09:30 the day before.
        var plan = Planner.Plan(Local("2026-06-10T09:30"), Leads, LongAgo);
        Assert.Equal([Local("2026-06-09T09:30"), Local("2026-06-10T08:00")], plan.Select(p => p.DueAt));
        // 22:30 start: 2 h lead is 20:30 (not quiet), 24 h lead is 22:30 the day before → 08:00 that morning... the next morning 08:00.
        var evening = Planner.Plan(Local("2026-06-10T22:30"), Leads, LongAgo);
        Assert.Equal([Local("2026-06-10T08:00"), Local("2026-06-10T20:30")], evening.Select(p => p.DueAt));
    }

    [Fact]
    public void A_reminder_due_in_the_night_before_an_early_appointment_is_dropped()
    {
        // 08:00 start: 2 h lead 06:00 would move to 08:00, when it has started.
        var plan = Planner.Plan(Local("2026-06-10T08:00"), Leads, LongAgo);
        Assert.Equal([Local("2026-06-09T08:00")], plan.Select(p => p.DueAt));
    }

    [Fact]
    public void Two_reminders_moved_to_the_same_morning_become_one()
    {
        var plan = Planner.Plan(Local("2026-06-10T09:00"), [TimeSpan.FromHours(3), TimeSpan.FromHours(2)], LongAgo);
        Assert.Equal([(TimeSpan.FromHours(2), Local("2026-06-10T08:00"))], plan.Select(p => (p.Lead, p.DueAt)));
    }

    [Fact]
    public void Across_the_spring_change_a_24_hour_lead_is_24_real_hours_and_quiet_hours_use_the_new_offset()
    {
        // Sunday 29 March 2026 the clock goes 02:00 → 03:00. 10:00 CEST Sunday = 08:00 UTC; 24 h before = 08:00 UTC Saturday = 09:00 CET.
        var start = Local("2026-03-29T10:00");
        var plan = Planner.Plan(start, Leads, LongAgo);
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 9, 0, 0, TimeSpan.FromHours(1)), plan[0].DueAt);
        // 09:00 start on Sunday: 2 h lead = 06:00 CEST (quiet) → 08:00 CEST = 06:00 UTC.
        var early = Planner.Plan(Local("2026-03-29T09:00"), [TimeSpan.FromHours(2)], LongAgo);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero), early.Single().DueAt);
        // 04:00 CEST Sunday (in the night that loses an hour) is quiet.
        Assert.True(Planner.IsQuiet(new DateTimeOffset(2026, 3, 29, 2, 0, 0, TimeSpan.Zero)));
        Assert.False(Planner.IsQuiet(new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Across_the_autumn_change_quiet_hours_end_at_eight_local_winter_time()
    {
        // Sunday 25 October 2026 the clock goes 03:00 → 02:00. 08:00 CET = 07:00 UTC.
        var early = Planner.Plan(Local("2026-10-25T09:00"), [TimeSpan.FromHours(2)], LongAgo);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 7, 0, 0, TimeSpan.Zero), early.Single().DueAt);
        Assert.True(Planner.IsQuiet(new DateTimeOffset(2026, 10, 25, 6, 30, 0, TimeSpan.Zero))); // 07:30 CET
        Assert.False(Planner.IsQuiet(new DateTimeOffset(2026, 10, 25, 7, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2026-03-29T02:30", "bestaat niet")]
    [InlineData("2026-10-25T02:30", "twee keer")]
    [InlineData("2026-10-25T02:30+03:00", "offset past niet")]
    [InlineData("2026-03-29T02:30+01:00", "offset past niet")]
    [InlineData("29-03-2026 14:00", "jjjj-mm-dd")]
    [InlineData("", "jjjj-mm-dd")]
    public void Nonexistent_ambiguous_and_malformed_local_times_are_refused(string text, string error)
    {
        var (instant, message) = LocalStartTime.Parse(text, Amsterdam);
        Assert.Null(instant);
        Assert.Contains(error, message);
    }

    [Theory]
    [InlineData("2026-10-25T02:30+02:00", "2026-10-25T00:30:00Z")]
    [InlineData("2026-10-25T02:30+01:00", "2026-10-25T01:30:00Z")]
    [InlineData("2026-03-29T03:00", "2026-03-29T01:00:00Z")]
    [InlineData("2026-01-15T14:00", "2026-01-15T13:00:00Z")]
    [InlineData("2026-07-15T14:00:00", "2026-07-15T12:00:00Z")]
    public void Valid_local_times_give_the_right_instant(string text, string utc)
        => Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), LocalStartTime.Parse(text, Amsterdam).Instant);

    [Fact]
    public void Arm_assignment_is_reproducible_and_follows_the_ratio()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => new Guid(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)).AsSpan(0, 16)).ToString("N")).ToList();
        Assert.All(ids.Take(100), id => Assert.Equal(ExperimentArms.Assign(id, "seed-one-x", 0.5), ExperimentArms.Assign(id, "seed-one-x", 0.5)));
        foreach (var share in new[] { 0.5, 0.3, 0.8 })
        {
            var inReminder = ids.Count(id => ExperimentArms.Assign(id, "seed-one-x", share) == ExperimentArm.Reminder) / (double)ids.Count;
            Assert.InRange(inReminder, share - 0.015, share + 0.015);
        }
        Assert.All(ids.Take(100), id => Assert.Equal(ExperimentArm.Reminder, ExperimentArms.Assign(id, "s", 1.0)));
        Assert.All(ids.Take(100), id => Assert.Equal(ExperimentArm.Control, ExperimentArms.Assign(id, "s", 0.0)));
        // Another seed gives another (independent) assignment.
        Assert.InRange(ids.Count(id => ExperimentArms.Assign(id, "seed-one-x", 0.5) == ExperimentArms.Assign(id, "seed-two-y", 0.5)) / (double)ids.Count, 0.47, 0.53);
    }

    [Fact]
    public void Wilson_interval_matches_known_values()
    {
        var ci = ProportionStatistics.Wilson(10, 100)!;
        Assert.Equal(0.0552, ci.Low, 4);
        Assert.Equal(0.1744, ci.High, 4);
        var zero = ProportionStatistics.Wilson(0, 20)!;
        Assert.Equal(0.0, zero.Low, 6);
        Assert.Equal(0.1611, zero.High, 4);
        Assert.Null(ProportionStatistics.Wilson(0, 0));
    }

    [Fact]
    public void Wilson_interval_holds_the_rate_exactly_at_none_and_all()
    {
        for (var n = 1; n <= 2000; n++)
        {
            Assert.Equal(0.0, ProportionStatistics.Wilson(0, n)!.Low);
            Assert.Equal(1.0, ProportionStatistics.Wilson(n, n)!.High);
        }
    }

    [Fact]
    public void Two_proportion_p_value_is_never_above_one()
    {
        for (var n = 1; n <= 300; n++)
        {
            for (var x = 1; x < n; x++) Assert.InRange(ProportionStatistics.ZTest(x, n, x, n)!.PValue, 0.0, 1.0);
        }
    }

    [Fact]
    public void Two_proportion_test_matches_known_values()
    {
        // 10/100 vs 20/100: chi-squared 3.9216 without continuity correction, so z = -1.9803, p = 0.0477.
        var test = ProportionStatistics.ZTest(10, 100, 20, 100)!;
        Assert.Equal(-1.9803, test.Z, 4);
        Assert.Equal(0.0477, test.PValue, 4);
        var same = ProportionStatistics.ZTest(5, 50, 5, 50)!;
        Assert.Equal(0, same.Z, 6);
        Assert.Equal(1, same.PValue, 6);
        Assert.Null(ProportionStatistics.ZTest(0, 10, 0, 10));
        Assert.Null(ProportionStatistics.ZTest(1, 0, 1, 10));
        Assert.Equal(0.05, ProportionStatistics.Erfc(1.959963984540054 / Math.Sqrt(2)), 6);
    }

    [Fact]
    public void Arm_summary_counts_only_attended_and_no_shows_in_the_rate()
    {
        var summary = ReminderInsightsQuery.Summarise(ExperimentArm.Reminder, ["attended", "no-show", "cancelled", "", "attended", "attended"]);
        Assert.Equal((6, 4, 3, 1, 1, 1), (summary.Appointments, summary.WithOutcome, summary.Attended, summary.NoShows, summary.Cancelled, summary.NoOutcomeYet));
        Assert.Equal(0.25, summary.NoShowRate);
    }

    [Theory]
    [InlineData("STOP", true)]
    [InlineData(" stop \n", true)]
    [InlineData("Stop", true)]
    [InlineData("STOP please", false)]
    [InlineData("", false)]
    public void Stop_is_recognised_trimmed_and_in_any_case(string message, bool stop) => Assert.Equal(stop, SmsOptOuts.IsStop(message));

    [Fact]
    public void The_text_says_when_and_where_and_how_to_cancel()
    {
        var appointment = new Appointment { Id = "a", StartsAt = Local("2026-06-10T14:30"), Kind = AppointmentKinds.Office, Place = "Stationsplein 1, Utrecht", Language = "nl" };
        var text = ReminderText.For(appointment, Amsterdam, "Steunpunt", "0900-0101");
        Assert.Contains("woensdag 10 juni om 14:30", text);
        Assert.Contains("Stationsplein 1, Utrecht", text);
        Assert.Contains("0900-0101", text);
        appointment.Language = "en";
        appointment.Kind = AppointmentKinds.Phone;
        Assert.Contains("Wednesday 10 June at 14:30", ReminderText.For(appointment, Amsterdam, "Steunpunt", "0900-0101"));
    }
}
