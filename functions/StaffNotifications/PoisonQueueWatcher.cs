using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Notifications;
using Steunpunt.Common.Storage;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// Looks at the poison queue of every queue the app has (<see cref="StorageNames.Queues.All"/>) and raises one
/// <c>message-parked</c> notification per poison queue whose message count grew since the last look. The last count
/// is kept per poison queue in the <c>Watermarks</c> table; a count that went down (someone dealt with the messages,
/// or they expired) is remembered without a notification.
/// <para>
/// A decision is written before the notification is queued, and marked done after: a run that stops in between is
/// finished by the next one with the same id and time, so the notification is stored and mailed once, never lost.
/// </para>
/// </summary>
public sealed class PoisonQueueWatcher(StorageAccount storage, WorkQueue queue, TimeProvider clock, ILogger<PoisonQueueWatcher> logger)
{
    public const string Partition = "poison-queue-count";
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.Tables.Watermarks);

    /// <returns>How many notifications were raised.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var raised = 0;
        foreach (var watched in StorageNames.Queues.All)
        {
            try
            {
                if (await CheckAsync(watched, cancellationToken)) raised++;
            }
            catch (RequestFailedException exception)
            {
                // One queue that does not answer does not keep the others from being looked at; the next run tries again.
                logger.LogWarning("Could not check the poison queue of {Queue}: {Status} {Code}.", watched, exception.Status, exception.ErrorCode);
            }
        }
        if (raised > 0) logger.LogWarning("{Count} poison queue(s) got new messages.", raised);
        return raised;
    }

    private async Task<bool> CheckAsync(string watched, CancellationToken cancellationToken)
    {
        var poison = StorageNames.Queues.PoisonOf(watched);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, poison, cancellationToken: cancellationToken);
        var state = found.HasValue ? found.Value : null;
        if (state is not null && state.GetBoolean("Queued") == false)
        {
            // A previous run decided but may not have queued the notification: queue it again, identical.
            var observedAt = state.GetInt64("ObservedAtTicks") is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : clock.GetUtcNow();
            await SendAsync(watched, state.GetInt32("Count") ?? 0, state.GetInt32("Previous") ?? 0, observedAt, cancellationToken);
            if (!await TryMarkQueuedAsync(poison, state.ETag, cancellationToken)) return false;
            state = (await table.GetEntityAsync<TableEntity>(Partition, poison, cancellationToken: cancellationToken)).Value;
        }

        var count = await CountAsync(poison, cancellationToken);
        var last = state?.GetInt32("Count") ?? 0;
        if (count == last) return false;

        var now = clock.GetUtcNow();
        var grew = count > last;
        var decision = new TableEntity(Partition, poison) { ["Count"] = count, ["Previous"] = last, ["ObservedAt"] = now, ["Queued"] = !grew };
        // The exact time as ticks too: the notification's id and row key follow from it, and a date column may be rounded.
        decision["ObservedAtTicks"] = now.UtcTicks;
        ETag written;
        try
        {
            written = state is null
                ? (await table.AddEntityAsync(decision, cancellationToken)).Headers.ETag ?? ETag.All
                : (await table.UpdateEntityAsync(decision, state.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return false; // Another run looked at the same moment and decided; it raises the notification.
        }
        if (!grew) return false;

        await SendAsync(watched, count, last, now, cancellationToken);
        await TryMarkQueuedAsync(poison, written, cancellationToken);
        return true;
    }

    private async Task<int> CountAsync(string poison, CancellationToken cancellationToken)
    {
        try
        {
            return (await queue.Client(poison).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return 0; // Nothing was ever parked there (the host creates a poison queue when it first needs one).
        }
    }

    private async Task<bool> TryMarkQueuedAsync(string poison, ETag etag, CancellationToken cancellationToken)
        => await table.TryUpdateEntityAsync(new TableEntity(Partition, poison) { ["Queued"] = true }, etag, TableUpdateMode.Merge, cancellationToken) is not null;

    private Task SendAsync(string watched, int count, int previous, DateTimeOffset observedAt, CancellationToken cancellationToken)
    {
        var poison = StorageNames.Queues.PoisonOf(watched);
        var notification = Notification(watched, count, previous, observedAt);
        logger.LogWarning("Poison queue {PoisonQueue} holds {Count} message(s), {Added} more than before.", poison, count, count - previous);
        return queue.SendAsync(StorageNames.Queues.StaffNotifications, notification, cancellationToken: cancellationToken);
    }

    /// <summary>The notification for one observation: its id follows from the poison queue and the time it was observed.</summary>
    public static StaffNotification Notification(string watched, int count, int previous, DateTimeOffset observedAt)
    {
        var poison = StorageNames.Queues.PoisonOf(watched);
        var details = new Dictionary<string, string>
        {
            ["queue"] = watched,
            ["poisonQueue"] = poison,
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
            ["added"] = (count - previous).ToString(CultureInfo.InvariantCulture),
        };
        return StaffNotification.Create(StaffNotificationKinds.MessageParked, poison, observedAt, details,
            idempotencyKey: poison + "/" + observedAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
    }
}
