using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Storage;
using Steunpunt.Reminders.Appointments;

namespace Steunpunt.Reminders.Sending;

/// <summary>
/// Finds the reminders that are due and queues one message each. It reads the hour buckets from its watermark up to
/// now (so a timer that was down catches up), never further back than the longest lead time (older reminders belong
/// to appointments that have started). Each row is claimed with its ETag before it is queued, so two sweeps at once
/// queue it once; the send's idempotency key covers the rest.
/// </summary>
public sealed class ReminderSweep(
    ReminderSchedule schedule,
    AppointmentStore appointments,
    WorkQueue queue,
    Watermarks watermarks,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderSweep> logger)
{
    public const string WatermarkName = "reminder-sweep";

    /// <summary>A row claimed this long ago but not sent is queued again (the sweep stopped between claim and queue).</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(10);

    private readonly ReminderPlanner planner = ReminderPlanner.From(options.Value);

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var earliest = ReminderSchedule.HourOf(now - options.Value.Leads.Max() - TimeSpan.FromHours(1));
        // A watermark ahead of now (a clock set back) or too far behind is ignored: start at the earliest hour that can matter.
        var from = await watermarks.GetInstantAsync(WatermarkName, cancellationToken) is { } mark && mark > earliest && mark <= now ? ReminderSchedule.HourOf(mark) : earliest;
        var queued = 0;
        for (var hour = from; hour <= now; hour = hour.AddHours(1))
        {
            foreach (var row in await schedule.DueAsync(hour, now, cancellationToken))
            {
                if (await HandleAsync(row, now, cancellationToken)) queued++;
            }
        }
        // Start the next sweep at the previous hour, so rows claimed but not queued (a crash in between) are seen again.
        await watermarks.SetInstantAsync(WatermarkName, ReminderSchedule.HourOf(now).AddHours(-1), cancellationToken);
        if (queued > 0) logger.LogInformation("Reminder sweep queued {Count} reminders.", queued);
        return queued;
    }

    private async Task<bool> HandleAsync(ReminderRow row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.Status == ReminderStatus.Queued && row.QueuedAt is { } at && now - at < StaleClaim) return false;

        var appointment = await appointments.FindAsync(row.AppointmentId, cancellationToken);
        var skip = SkipReason(appointment, row, now);
        if (skip is not null)
        {
            await schedule.TryMarkAsync(row, ReminderStatus.Skipped, now, cancellationToken, skip);
            return false;
        }
        if (planner.IsQuiet(now))
        {
            // Caught up during the night: send at the end of the quiet hours, if the appointment is still ahead then.
            var later = planner.OutOfQuietHours(now, appointment!.StartsAt);
            if (later is null) await schedule.TryMarkAsync(row, ReminderStatus.Skipped, now, cancellationToken, "quiet-hours");
            else await schedule.TryRescheduleAsync(row, later.Value, cancellationToken);
            return false;
        }
        if (!await schedule.TryMarkAsync(row, ReminderStatus.Queued, now, cancellationToken)) return false; // another sweep has it
        await queue.SendAsync(StorageNames.Queues.SmsReminders,
            new ReminderMessage(ReminderMessage.CurrentSchemaVersion, row.AppointmentId, row.Version, row.LeadMinutes, row.DueAt, row.Bucket, row.RowKey),
            cancellationToken: cancellationToken);
        return true;
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
