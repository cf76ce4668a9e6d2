using Microsoft.Azure.Functions.Worker;

namespace Steunpunt.StaffNotifications;

public sealed class PurgeStaffNotifications(StaffNotificationPurge purge)
{
    /// <summary>Every night at 03:45; a missed night is caught up by the next run (it deletes everything past the retention).</summary>
    [Function(nameof(PurgeStaffNotifications))]
    public Task Run([TimerTrigger("0 45 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) => purge.RunAsync(cancellationToken);
}
