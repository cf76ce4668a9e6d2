using Microsoft.Azure.Functions.Worker;
using Steunpunt.Reminders.Sending;

namespace Steunpunt.Reminders;

public sealed class SweepReminders(ReminderSweep sweep)
{
    /// <summary>Every five minutes (UTC schedule; the quiet hours are applied in local time by the sweep itself).</summary>
    [Function(nameof(SweepReminders))]
    public Task Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => sweep.SweepAsync(cancellationToken);
}
