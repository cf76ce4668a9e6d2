using Microsoft.Extensions.Logging;
using Steunpunt.Common.Notifications;
using Steunpunt.Common.Storage;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// The slice's side of <see cref="IStaffNotifications"/>: makes the notification (its id from the kind and the producer's
/// key, see <see cref="StaffNotification.For"/>) and sends it on its way. Most kinds go on the <c>staff-notifications</c>
/// queue, so the producer (often a request a visitor waits for) never waits for a push or a team mail. The kinds in
/// <see cref="DeliveredAtOnce"/> (a new mail case, a sender's message in its thread) are delivered at once, exactly as
/// <see cref="PushStaffNotification"/> would (store, push, mail; see <see cref="StaffNotificationDelivery"/>), so staff
/// hear of them without a queue hop, and queued only when that fails, so the queue's retries and its poison queue take
/// over from there.
/// </summary>
/// <remarks>
/// Nothing is lost either way: a notification is stored and pushed (and mailed, for the kinds that are), or it is on the
/// queue, or the enqueue failed too and the producer's own retry raises it again. A repeat has the same id and time, so
/// it overwrites its own row and a console drops it. Why some kinds are delivered at once: docs/decisions/0001-staff-notification-port.md.
/// </remarks>
public sealed class StaffNotifier(StaffNotificationDelivery delivery, WorkQueue queue, TeamMailbox mailbox, ILogger<StaffNotifier> logger) : IStaffNotifications
{
    /// <summary>Kinds delivered from where they are raised, the queue only as the fallback.</summary>
    public static readonly IReadOnlySet<string> DeliveredAtOnce = new HashSet<string>(StringComparer.Ordinal) { StaffNotificationKinds.MailReceived, StaffNotificationKinds.MailMessage };

    public string? TeamMailbox => mailbox.Address;

    public Task RaiseAsync(string kind, string reference, DateTimeOffset at, IReadOnlyDictionary<string, string>? details = null,
        string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var notification = StaffNotification.For(kind, reference, at, details, idempotencyKey);
        return DeliveredAtOnce.Contains(kind) ? DeliverOrQueueAsync(notification, cancellationToken) : QueueAsync(notification, cancellationToken);
    }

    private async Task DeliverOrQueueAsync(StaffNotification notification, CancellationToken cancellationToken)
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
        await QueueAsync(notification, cancellationToken);
    }

    private Task QueueAsync(StaffNotification notification, CancellationToken cancellationToken)
        => queue.SendAsync(StorageNames.Queues.StaffNotifications, notification, cancellationToken: cancellationToken);
}
