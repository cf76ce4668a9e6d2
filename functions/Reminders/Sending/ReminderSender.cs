using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors;
using Steunpunt.Connectors.Sms;
using Steunpunt.Reminders.Appointments;
using Steunpunt.Common.Notifications;

namespace Steunpunt.Reminders.Sending;

/// <summary>
/// Sends one queued reminder. The appointment is checked again (it may have been cancelled or moved since the sweep),
/// and the send carries the key <c>reminder/{appointment}/{version}/{lead}</c>, so a redelivered message or a second
/// sweep's copy makes the SMS service drop the repeat.
/// </summary>
public sealed class ReminderSender(
    ReminderSchedule schedule,
    AppointmentStore appointments,
    SmsOptOuts optOuts,
    ISmsSender sms,
    IStaffNotifications staff,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    OrganisationClock organisation,
    ILogger<ReminderSender> logger)
{
    private readonly ReminderPlanner planner = ReminderPlanner.From(options.Value, organisation.Zone);

    public static string Tag(string appointmentId, int leadMinutes) => $"reminder/{appointmentId}/{leadMinutes}";

    public static IdempotencyKey Key(ReminderMessage message) => new($"reminder/{message.AppointmentId}/{message.Version}/{message.LeadMinutes}", message.DueAt);

    public async Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
    {
        var row = await schedule.FindAsync(message.Bucket, message.RowKey, cancellationToken);
        if (row is null || row.Status is ReminderStatus.Sent or ReminderStatus.Skipped) return; // done before: a redelivery
        var now = clock.GetUtcNow();
        var appointment = await appointments.FindAsync(message.AppointmentId, cancellationToken);
        var skip = ReminderSweep.SkipReason(appointment, row, now);
        if (skip is null && await optOuts.IsOptedOutAsync(appointment!.Phone!, cancellationToken)) skip = "opted-out";
        if (skip is not null)
        {
            await schedule.TryMarkAsync(row, ReminderStatus.Skipped, now, cancellationToken, skip);
            return;
        }

        if (planner.IsQuiet(now))
        {
            // Queued before 21:00 but taken off the queue after it (a backlog, a retry): the quiet hours hold at send time too.
            await schedule.PostponeAsync(row, planner.OutOfQuietHours(now, appointment!.StartsAt), now, cancellationToken);
            return;
        }

        var text = ReminderText.For(appointment!, planner.Zone, options.Value.Organisation, options.Value.Phone);
        var results = await sms.SendAsync(new SmsMessage([appointment!.Phone!], text, Tag(message.AppointmentId, message.LeadMinutes)), Key(message), cancellationToken);
        var result = results.Single();
        if (!result.Successful)
        {
            logger.LogWarning("Reminder for appointment {AppointmentId} was refused: {Status}.", message.AppointmentId, result.HttpStatusCode);
            // Someone should call the client instead; the same message again gives the same notification id.
            await staff.RaiseAsync(StaffNotificationKinds.SmsFailed, message.AppointmentId, now,
                new Dictionary<string, string> { ["purpose"] = "appointment-reminder", ["leadMinutes"] = message.LeadMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture), ["status"] = "refused" },
                idempotencyKey: Key(message).Value, cancellationToken);
            await schedule.TryMarkAsync(row, ReminderStatus.Skipped, now, cancellationToken, "refused");
            return;
        }
        // A lost race with a concurrent copy is fine: the service sent once, and the other copy marks it.
        await schedule.TryMarkAsync(row, ReminderStatus.Sent, now, cancellationToken, messageId: result.MessageId);
    }
}
