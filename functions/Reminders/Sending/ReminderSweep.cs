using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common;
using Steunpunt.Common.Storage;
using Steunpunt.Reminders.Appointments;

namespace Steunpunt.Reminders.Sending;

/// <summary>
/// Finds the reminders that became due since the previous sweep (its watermark) and queues one message each. It reads
/// only the hour buckets from the watermark up to now (so a timer that was down catches up), never further back than the
/// longest lead time, and writes nothing per reminder: no claim on the row. That keeps the sweep's cost to what is due
/// (docs/decisions/0002). Two sweeps at once, or a sweep
/// that stopped before moving its watermark, queue a reminder twice; that is harmless, because the sender checks the row
/// and the appointment again and sends with an idempotency key (one SMS), see <see cref="ReminderSender"/>.
/// </summary>
public sealed class ReminderSweep(
    ReminderSchedule schedule,
    AppointmentStore appointments,
    WorkQueue queue,
    Watermarks watermarks,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    OrganisationClock organisation,
    ILogger<ReminderSweep> logger)
{
    public const string WatermarkName = "reminder-sweep";

    private readonly ReminderPlanner planner = ReminderPlanner.From(options.Value, organisation.Zone);

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var earliest = now - options.Value.Leads.Max() - TimeSpan.FromHours(1);
        // A watermark ahead of now (a clock set back) or too far behind is ignored: start at the earliest time that can matter.
        var after = await watermarks.GetInstantAsync(WatermarkName, cancellationToken) is { } mark && mark > earliest && mark <= now ? mark : earliest;
        var quiet = planner.IsQuiet(now);
        var queued = 0;
        for (var hour = ReminderSchedule.HourOf(after); hour <= now; hour = hour.AddHours(1))
        {
            foreach (var row in await schedule.DueAsync(hour, after, now, cancellationToken))
            {
                if (quiet) await PostponeAsync(row, now, cancellationToken);
                else
                {
                    await queue.SendAsync(StorageNames.Queues.SmsReminders,
                        new ReminderMessage(ReminderMessage.CurrentSchemaVersion, row.AppointmentId, row.Version, row.LeadMinutes, row.DueAt, row.Bucket, row.RowKey),
                        cancellationToken: cancellationToken);
                    queued++;
                }
            }
        }
        // Moved only after everything up to now was queued: a sweep that stops halfway is repeated from the same point.
        await watermarks.SetInstantAsync(WatermarkName, now, cancellationToken);
        if (queued > 0) logger.LogInformation("Reminder sweep queued {Count} reminders.", queued);
        return queued;
    }

    /// <summary>Due in the quiet hours: moved to their end if the appointment is still ahead then, else skipped.</summary>
    private async Task PostponeAsync(ReminderRow row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var appointment = await appointments.FindAsync(row.AppointmentId, cancellationToken);
        if (SkipReason(appointment, row, now) is { } skip)
        {
            await schedule.TryMarkAsync(row, ReminderStatus.Skipped, now, cancellationToken, skip);
            return;
        }
        await schedule.PostponeAsync(row, planner.OutOfQuietHours(now, appointment!.StartsAt), now, cancellationToken);
    }

    /// <summary>Why a reminder must not go out (anymore), or null when it may.</summary>
    public static string? SkipReason(Appointment? appointment, ReminderRow row, DateTimeOffset now)
    {
        if (appointment is null) return "no-appointment";
        if (appointment.Status == AppointmentStatus.Cancelled) return "cancelled";
        if (appointment.Version != row.Version) return "moved";
        if (now >= appointment.StartsAt) return "started";
        if (!appointment.ConsentToSms || appointment.Phone is null) return "no-consent";
        if (appointment.Arm != ExperimentArm.Reminder) return "control-arm";
        return null;
    }
}
