using Steunpunt.Reminders.Appointments;

namespace Steunpunt.Reminders.Insights;

/// <param name="Appointments">Appointments in the arm with their start date in the period.</param>
/// <param name="WithOutcome">Those with outcome attended or no-show: the denominator of the rate.</param>
/// <param name="Cancelled">Cancelled (not counted in the rate).</param>
/// <param name="NoShowRate">No-shows / WithOutcome; null without outcomes.</param>
/// <param name="NoShowRateCi95">Wilson 95% interval of the rate.</param>
public sealed record ArmInsights(string Arm, int Appointments, int WithOutcome, int Attended, int NoShows, int Cancelled, int NoOutcomeYet, double? NoShowRate, ConfidenceInterval? NoShowRateCi95);

/// <param name="Test">Two-proportion z-test of the no-show rates, reminder arm minus control arm; null when undefined.</param>
public sealed record ReminderInsights(DateOnly From, DateOnly To, IReadOnlyList<ArmInsights> Arms, TwoProportionTest? Test);

/// <summary>The no-show experiment: per arm the no-show rate with a Wilson interval, and whether the arms differ.</summary>
public sealed class ReminderInsightsQuery(AppointmentStore store)
{
    public async Task<ReminderInsights> RunAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await store.StatsAsync(from, to, cancellationToken);
        var arms = new[] { ExperimentArm.Reminder, ExperimentArm.Control }.Select(arm => Summarise(arm, rows.Where(r => r.Arm == arm).Select(r => r.Outcome).ToList())).ToList();
        var test = ProportionStatistics.ZTest(arms[0].NoShows, arms[0].WithOutcome, arms[1].NoShows, arms[1].WithOutcome);
        return new ReminderInsights(from, to, arms, test);
    }

    public static ArmInsights Summarise(string arm, IReadOnlyList<string> outcomes)
    {
        var attended = outcomes.Count(o => o == AppointmentOutcomes.Attended);
        var noShows = outcomes.Count(o => o == AppointmentOutcomes.NoShow);
        var cancelled = outcomes.Count(o => o == AppointmentOutcomes.Cancelled);
        var n = attended + noShows;
        return new ArmInsights(arm, outcomes.Count, n, attended, noShows, cancelled, outcomes.Count - n - cancelled,
            n == 0 ? null : (double)noShows / n, ProportionStatistics.Wilson(noShows, n));
    }
}
