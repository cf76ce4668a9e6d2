using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Storage;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// Every staff notification is stored (for the console's catch-up), pushed to the staff group and, for the configured
/// kinds, mailed to the team mailbox; see <see cref="StaffNotificationDelivery"/> for the order and why a retry of the
/// whole message is safe. A failure throws, so the host retries the message and parks it in the poison queue after
/// the last attempt: a notification is never silently lost.
/// </summary>
public sealed class PushStaffNotification(StaffNotificationDelivery delivery)
{
    public const string ClientMethod = StaffNotificationDelivery.ClientMethod;

    [Function(nameof(PushStaffNotification))]
    public Task Run([QueueTrigger(StorageNames.Queues.StaffNotifications)] string message, CancellationToken cancellationToken)
        => delivery.DeliverAsync(StaffNotificationDelivery.Parse(message), cancellationToken);
}
