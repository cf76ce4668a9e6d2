using Steunpunt.Common.Notifications;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.Events;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// An SMS delivery report (Event Grid) with any status but <c>Delivered</c> raises <c>sms-failed</c>, so someone can reach
/// the person another way. Runs next to <see cref="SmsDeliveryReports"/> for the same event. The id follows from the
/// message id, so Event Grid delivering the event again (it does, after a 500) raises the same notification. The
/// number is not in the report we read, nor in the notification.
/// </summary>
public sealed class SmsFailureNotifier(WorkQueue queue, TimeProvider clock) : ICommunicationEventHandler
{
    public string EventType => CommunicationEventTypes.SmsDeliveryReportReceived;

    public async Task HandleAsync(CommunicationEvent communicationEvent, CancellationToken cancellationToken)
    {
        if (ToNotification(communicationEvent, clock.GetUtcNow()) is { } notification)
        {
            await queue.SendAsync(StorageNames.Queues.StaffNotifications, notification, cancellationToken: cancellationToken);
        }
    }

    /// <summary>The notification for a delivery report, or null when the SMS was delivered (or the report names no message).</summary>
    public static StaffNotification? ToNotification(CommunicationEvent report, DateTimeOffset now)
    {
        var data = report.Data;
        var messageId = EventGridPayload.PropertyText(data, "messageId");
        var status = EventGridPayload.PropertyText(data, "deliveryStatus");
        if (string.IsNullOrWhiteSpace(messageId) || string.IsNullOrWhiteSpace(status)) return null;
        if (string.Equals(status, "Delivered", StringComparison.OrdinalIgnoreCase)) return null;

        var tag = EventGridPayload.PropertyText(data, "tag");
        var at = DateTimeOffset.TryParse(EventGridPayload.PropertyText(data, "receivedTimestamp"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var received) ? received : report.Time ?? now;
        var details = new Dictionary<string, string> { ["messageId"] = messageId, ["deliveryStatus"] = status };
        if (EventGridPayload.PropertyText(data, "deliveryStatusDetails") is { Length: > 0 } why) details["deliveryStatusDetails"] = why;
        if (!string.IsNullOrWhiteSpace(tag)) details["tag"] = tag;
        return StaffNotification.Create(StaffNotificationKinds.SmsFailed, string.IsNullOrWhiteSpace(tag) ? messageId : tag, at, details, idempotencyKey: messageId);
    }
}
