using System.Runtime.ExceptionServices;
using Azure;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Notifications;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.Email;
using Steunpunt.Connectors.SignalR;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// What happens to one message of the <c>staff-notifications</c> queue: store, push, mail.
/// <para>
/// Delivery is at least once, so every step is idempotent and a retry of the whole message is always safe: the row
/// is keyed by time and id (a second store overwrites it), a push carries the id (the console drops a repeat), and
/// the mail's operation id follows from the notification id (the service sends it once). Hence the order:
/// </para>
/// <list type="number">
/// <item><b>Store</b> first: once stored, a console that connects later sees the notification whatever happens next.
/// A storage failure throws before anything else happened.</item>
/// <item><b>Push</b> to the staff group: what people act on in real time, so a slow or failing mail never delays it.</item>
/// <item><b>Mail</b> the team mailbox for the configured kinds, also when the push failed: when SignalR is down, the
/// mailbox is exactly where the team should hear of it.</item>
/// </list>
/// <para>
/// A failed push or mail then throws, so the queue tries the whole message again (store and push again, harmlessly)
/// and, after the last attempt, parks it in <c>staff-notifications-poison</c>, which raises a <c>message-parked</c>
/// notification. A failure is never swallowed, except for that one: a <c>message-parked</c> notification about the
/// staff-notification poison queue itself is stored and tried once, because parking it would raise another one about
/// the same queue every five minutes for as long as SignalR or the mail service is down.
/// </para>
/// </summary>
public sealed class StaffNotificationDelivery(
    StaffNotificationStore store, IRealtimeMessenger messenger, IEmailSender email, TeamMailbox mailbox, ILogger<StaffNotificationDelivery> logger)
{
    public const string ClientMethod = "notification";

    /// <summary>Reads a queue message; throws (so the message ends in the poison queue) when it is not a notification this version understands.</summary>
    public static StaffNotification Parse(string message)
    {
        var notification = QueueContract.Read<StaffNotification>(message, m => m.SchemaVersion, StaffNotification.CurrentSchemaVersion, "staff-notification");
        if (notification.Id == Guid.Empty || string.IsNullOrWhiteSpace(notification.Kind) || notification.Reference is null)
        {
            throw new InvalidDataException("A staff notification needs an id, a kind and a reference.");
        }
        return notification;
    }

    public async Task DeliverAsync(StaffNotification notification, CancellationToken cancellationToken)
    {
        await store.StoreAsync(notification, cancellationToken);

        ExceptionDispatchInfo? pushFailure = null, mailFailure = null;
        try
        {
            await messenger.SendToGroupAsync(SignalRHubs.Staff, SignalRGroups.Staff, ClientMethod, [notification], cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            pushFailure = ExceptionDispatchInfo.Capture(exception);
            logger.LogWarning("Staff notification {NotificationId} ({Kind}) stored, but the push failed: {Error}.", notification.Id, notification.Kind, exception.GetType().Name);
        }

        var mailed = false;
        if (mailbox.ShouldMail(notification))
        {
            try
            {
                // Completed: a team mail the service could not deliver is worth a warning in the log (below).
                var result = await email.SendAsync(mailbox.Compose(notification), TeamMailbox.KeyFor(notification), WaitUntil.Completed, cancellationToken);
                // A send the service accepted but could not deliver ends the same way on every retry (same operation).
                if (result.Status is EmailSendStatus.Failed or EmailSendStatus.Canceled)
                {
                    logger.LogWarning("Team mail for staff notification {NotificationId} ended {Status} ({ErrorCode}).", notification.Id, result.Status, result.ErrorCode ?? "no code");
                }
                mailed = true;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                mailFailure = ExceptionDispatchInfo.Capture(exception);
                logger.LogWarning("Team mail for staff notification {NotificationId} ({Kind}) failed: {Error}.", notification.Id, notification.Kind, exception.GetType().Name);
            }
        }

        if (pushFailure is null && mailFailure is null)
        {
            logger.LogInformation("Staff notification {NotificationId} ({Kind}) stored and pushed{Mailed}.", notification.Id, notification.Kind, mailed ? ", and mailed to the team" : "");
            return;
        }
        if (IsAboutParkedStaffNotifications(notification))
        {
            logger.LogError("Staff notification {NotificationId} about parked staff notifications is stored, but not fully delivered; not retried.", notification.Id);
            return;
        }
        if (pushFailure is not null && mailFailure is not null)
        {
            throw new AggregateException("Push and team mail of a staff notification failed.", pushFailure.SourceException, mailFailure.SourceException);
        }
        (pushFailure ?? mailFailure)!.Throw();
    }

    public static bool IsAboutParkedStaffNotifications(StaffNotification notification)
        => notification.Kind == StaffNotificationKinds.MessageParked
           && notification.Reference == StorageNames.Queues.PoisonOf(StorageNames.Queues.StaffNotifications);
}
