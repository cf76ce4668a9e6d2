using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.SignalR;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// Pushes every staff notification to the staff group. A failed push throws, so the host retries the message and
/// parks it in the poison queue after the last attempt: a notification is never silently lost.
/// </summary>
public sealed class PushStaffNotification(IRealtimeMessenger messenger, ILogger<PushStaffNotification> logger)
{
    public const string ClientMethod = "notification";

    [Function(nameof(PushStaffNotification))]
    public async Task Run([QueueTrigger(StorageNames.Queues.StaffNotifications)] string message, CancellationToken cancellationToken)
    {
        var notification = JsonSerializer.Deserialize<StaffNotification>(message, JsonDefaults.Web)
            ?? throw new InvalidDataException("Empty staff notification.");
        if (notification.SchemaVersion != StaffNotification.CurrentSchemaVersion)
        {
            throw new InvalidDataException($"Staff notification schema version {notification.SchemaVersion} is not supported.");
        }
        await messenger.SendToGroupAsync(SignalRHubs.Staff, SignalRGroups.Staff, ClientMethod, [notification], cancellationToken);
        logger.LogInformation("Staff notification {NotificationId} ({Kind}) pushed.", notification.Id, notification.Kind);
    }
}
