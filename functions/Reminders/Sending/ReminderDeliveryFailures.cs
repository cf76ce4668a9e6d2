using Steunpunt.Common.Storage;
using Steunpunt.Connectors;
using Steunpunt.Connectors.Events;
using Steunpunt.Common.Notifications;

namespace Steunpunt.Reminders.Sending;

/// <summary>
/// A delivery report that a reminder failed (matched by our tag <c>reminder/{appointment}/{lead}</c>) raises an
/// <c>sms-failed</c> staff notification, so someone can call the client. The report itself is stored by
/// <see cref="SmsDeliveryReports"/>; the reminder row holds the message id to find it.
/// </summary>
public sealed class ReminderDeliveryFailures(IStaffNotifications staff, TimeProvider clock) : ICommunicationEventHandler
{
    public string EventType => CommunicationEventTypes.SmsDeliveryReportReceived;

    public async Task HandleAsync(CommunicationEvent communicationEvent, CancellationToken cancellationToken)
    {
        var tag = EventGridPayload.PropertyText(communicationEvent.Data, "tag");
        var status = EventGridPayload.PropertyText(communicationEvent.Data, "deliveryStatus");
        if (tag is null || !tag.StartsWith("reminder/", StringComparison.Ordinal) || status is null) return;
        if (!string.Equals(status, "Failed", StringComparison.OrdinalIgnoreCase)) return;
        var parts = tag.Split('/');
        if (parts.Length != 3) return;
        // The same event delivered again gives the same notification id, so the console shows it once.
        await staff.RaiseAsync(StaffNotificationKinds.SmsFailed, parts[1], clock.GetUtcNow(),
            new Dictionary<string, string> { ["purpose"] = "appointment-reminder", ["leadMinutes"] = parts[2], ["status"] = status },
            idempotencyKey: communicationEvent.Id, cancellationToken);
    }
}
