using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// Stored notifications, so a console that connects later sees what it missed. A partition per UTC day of
/// <see cref="StaffNotification.OccurredAt"/>; the row key is the time in ticks (19 digits, so it sorts as text) and
/// the id, so rows come back in time order and a redelivered notification overwrites itself. The contract holds no
/// personal data, so neither does this table.
/// </summary>
public sealed class StaffNotificationStore(StorageAccount storage)
{
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.Tables.StaffNotifications);

    public static string DayKey(DateTimeOffset at) => PartitionKeys.Day(at);

    /// <summary>Everything at or after this instant sorts at or after this prefix (row keys start with the ticks).</summary>
    public static string TimeKey(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static string RowKey(StaffNotification notification) => TimeKey(notification.OccurredAt) + "_" + notification.Id.ToString("N");

    /// <summary>Idempotent: the same notification (same id and time) replaces its own row.</summary>
    /// <remarks>
    /// Nearly always the row is new, so it is inserted, and only a repeat (409) replaces it: one request either way for
    /// a new row, but the store checks for the key once. Why: docs/decisions/0002-insert-new-rows.md.
    /// </remarks>
    public async Task StoreAsync(StaffNotification notification, CancellationToken cancellationToken)
    {
        var entity = ToEntity(notification);
        if (await table.TryAddEntityAsync(entity, cancellationToken) is null) await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Notifications that occurred at or after <paramref name="since"/> and up to a day after <paramref name="now"/>
    /// (clocks of producers differ a little), oldest first, at most <paramref name="max"/>; <c>More</c> when there were more.
    /// </summary>
    public async Task<(IReadOnlyList<StaffNotification> Notifications, bool More)> ListAsync(
        DateTimeOffset since, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var lastDay = DayKey(now.AddDays(1));
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {DayKey(since)} and PartitionKey le {lastDay} and RowKey ge {TimeKey(since)}");
        var found = new List<StaffNotification>(Math.Min(max, 64));
        // Rows come back ordered by partition (day) and row key (time): the first max + 1 tell whether there is more.
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max + 1, 1000), cancellationToken: cancellationToken))
        {
            if (found.Count == max) return (found, true);
            found.Add(FromEntity(entity));
        }
        return (found, false);
    }

    /// <summary>Deletes every notification that occurred before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> PurgeBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // Purged rows are gone, so this reads only what is due now (plus the cutoff's own day): no watermark needed,
        // and a night the timer missed is caught up by the next run.
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {DayKey(cutoff)} and RowKey lt {TimeKey(cutoff)}");
        var deleted = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Another run got there first.
            }
        }
        return deleted;
    }

    /// <summary>The exact instant from the row key (a date column may be rounded by the store), in UTC.</summary>
    private static DateTimeOffset OccurredAt(TableEntity e)
        => long.TryParse(e.RowKey.AsSpan(0, Math.Min(19, e.RowKey.Length)), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : e.GetDateTimeOffset("OccurredAt") ?? default;

    private static TableEntity ToEntity(StaffNotification n) => new(DayKey(n.OccurredAt), RowKey(n))
    {
        ["SchemaVersion"] = n.SchemaVersion,
        ["Id"] = n.Id,
        ["Kind"] = n.Kind,
        ["Reference"] = n.Reference,
        ["OccurredAt"] = n.OccurredAt,
        ["Details"] = n.Details is null ? null : JsonSerializer.Serialize(n.Details, JsonDefaults.Web),
    };

    private static StaffNotification FromEntity(TableEntity e)
    {
        var details = e.GetString("Details");
        return new StaffNotification(
            e.GetInt32("SchemaVersion") ?? StaffNotification.CurrentSchemaVersion,
            e.GetGuid("Id") ?? Guid.Empty,
            e.GetString("Kind") ?? "",
            e.GetString("Reference") ?? "",
            OccurredAt(e),
            details is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(details, JsonDefaults.Web));
    }
}
