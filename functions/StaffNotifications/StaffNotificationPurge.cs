using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Steunpunt.StaffNotifications;

/// <summary>Removes stored notifications older than <c>StaffNotifications:RetentionDays</c>.</summary>
public sealed class StaffNotificationPurge(StaffNotificationStore store, IOptions<StaffNotificationsOptions> options, TimeProvider clock, ILogger<StaffNotificationPurge> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var deleted = await store.PurgeBeforeAsync(cutoff, cancellationToken);
        logger.LogInformation("Purged {Count} staff notifications older than {Days} days.", deleted, options.Value.RetentionDays);
        return deleted;
    }
}
