using Microsoft.Azure.Functions.Worker;

namespace Steunpunt.StaffNotifications;

public sealed class WatchPoisonQueues(PoisonQueueWatcher watcher)
{
    /// <summary>Every five minutes: a message that was parked after its last failed attempt becomes a <c>message-parked</c> notification.</summary>
    [Function(nameof(WatchPoisonQueues))]
    public Task Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => watcher.RunAsync(cancellationToken);
}
