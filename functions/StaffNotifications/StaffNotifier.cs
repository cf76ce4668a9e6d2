using Microsoft.Extensions.Logging;
using Steunpunt.Common.Storage;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// Raises a staff notification from code that itself runs in a queue function and is retried as a whole when it fails
/// (the mail intake): delivers it at once, exactly as <see cref="PushStaffNotification"/> would (store, push, mail; see
/// <see cref="StaffNotificationDelivery"/>), and puts it on the <c>staff-notifications</c> queue only when that fails,
/// so the queue's retries and its poison queue take over from there.
/// </summary>
/// <remarks>
/// Nothing is lost this way: either the notification was stored and pushed (and mailed, for the kinds that are), or it
/// is on the queue, or the enqueue failed too and the producer's own message comes back and raises it again. A repeat
/// has the same id and time, so it overwrites its own row and a console drops it. What it saves, per notification,
/// against always queueing: the enqueue, the receive and the delete of a second queue message, and the wait for the
/// staff-notification listener to pick it up.
/// </remarks>
public sealed class StaffNotifier(StaffNotificationDelivery delivery, WorkQueue queue, ILogger<StaffNotifier> logger)
{
    public async Task RaiseAsync(StaffNotification notification, CancellationToken cancellationToken)
    {
        try
        {
            await delivery.DeliverAsync(notification, cancellationToken);
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The exception type only: what failed is in the delivery's own warning.
            logger.LogWarning("Staff notification {NotificationId} ({Kind}) not delivered at once ({Error}); queued for the retries.",
                notification.Id, notification.Kind, exception.GetType().Name);
        }
        await queue.SendAsync(StorageNames.Queues.StaffNotifications, notification, cancellationToken: cancellationToken);
    }
}
