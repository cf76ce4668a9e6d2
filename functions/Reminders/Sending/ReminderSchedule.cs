using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;

namespace Steunpunt.Reminders.Sending;

public static class ReminderStatus
{
    public const string Scheduled = "scheduled";
    public const string Sent = "sent";
    public const string Skipped = "skipped";
}

/// <summary>A reminder row: in the partition of the UTC hour it is due, one per appointment version and lead time.</summary>
public sealed record ReminderRow(string Bucket, string RowKey, string AppointmentId, int Version, int LeadMinutes, DateTimeOffset DueAt, string Status, ETag ETag);

/// <summary>
/// Reminders keyed by due time: partition = the UTC hour they are due (<c>yyyyMMddHH</c>), row = appointment, version
/// and lead. A sweep reads only the hours up to now, so its cost does not grow with the number of future appointments.
/// </summary>
public sealed class ReminderSchedule(StorageAccount storage)
{
    private TableClient Table => storage.Tables.GetTableClient(StorageNames.Tables.ReminderSchedule);

    public static string Bucket(DateTimeOffset dueAt) => dueAt.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public static DateTimeOffset HourOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    public static string RowKeyOf(string appointmentId, int version, int leadMinutes) => $"{appointmentId}-{version}-{leadMinutes}";

    public Task AddAsync(string appointmentId, int version, PlannedReminder reminder, CancellationToken cancellationToken)
        => Table.UpsertEntityAsync(Entity(appointmentId, version, reminder), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The row of a reminder still to be sent, as <see cref="AddAsync"/> stores it (public for the benchmark's seeding).</summary>
    public static TableEntity Entity(string appointmentId, int version, PlannedReminder reminder)
    {
        var lead = (int)reminder.Lead.TotalMinutes;
        return new TableEntity(Bucket(reminder.DueAt), RowKeyOf(appointmentId, version, lead))
        {
            ["AppointmentId"] = appointmentId,
            ["Version"] = version,
            ["LeadMinutes"] = lead,
            ["DueAt"] = reminder.DueAt,
            ["Status"] = ReminderStatus.Scheduled,
        };
    }

    /// <summary>Rows of one hour that became due after <paramref name="after"/> and by <paramref name="now"/>, and are still to be sent.</summary>
    public async Task<List<ReminderRow>> DueAsync(DateTimeOffset hour, DateTimeOffset after, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = new List<ReminderRow>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Bucket(hour)} and DueAt gt {after} and DueAt le {now} and Status eq {ReminderStatus.Scheduled}");
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) rows.Add(FromEntity(e));
        return rows;
    }

    public async Task<ReminderRow?> FindAsync(string bucket, string rowKey, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(bucket, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>Moves a row to a new status if nobody changed it since it was read (two sweeps at once: one wins).</summary>
    public async Task<bool> TryMarkAsync(ReminderRow row, string status, DateTimeOffset at, CancellationToken cancellationToken, string? reason = null, string? messageId = null)
    {
        var entity = new TableEntity(row.Bucket, row.RowKey) { ["Status"] = status, ["DoneAt"] = at };
        if (reason is not null) entity["Reason"] = reason;
        if (messageId is not null) entity["MessageId"] = messageId;
        return await Table.TryUpdateEntityAsync(entity, row.ETag, TableUpdateMode.Merge, cancellationToken) is not null;
    }

    /// <summary>
    /// A reminder met in the quiet hours: moved to their end (<paramref name="later"/>, from
    /// <see cref="ReminderPlanner.OutOfQuietHours"/>), or skipped when the appointment starts before then (null).
    /// </summary>
    public Task PostponeAsync(ReminderRow row, DateTimeOffset? later, DateTimeOffset now, CancellationToken cancellationToken)
        => later is { } at ? TryRescheduleAsync(row, at, cancellationToken) : TryMarkAsync(row, ReminderStatus.Skipped, now, cancellationToken, "quiet-hours");

    /// <summary>Moves a reminder to a later due time (out of the quiet hours): a new row in that hour, then the old one goes.</summary>
    public async Task<bool> TryRescheduleAsync(ReminderRow row, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await AddAsync(row.AppointmentId, row.Version, new PlannedReminder(TimeSpan.FromMinutes(row.LeadMinutes), dueAt), cancellationToken);
        try
        {
            await Table.DeleteEntityAsync(row.Bucket, row.RowKey, row.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }

    private static ReminderRow FromEntity(TableEntity e) => new(
        e.PartitionKey, e.RowKey, e.GetString("AppointmentId") ?? "", e.GetInt32("Version") ?? 0, e.GetInt32("LeadMinutes") ?? 0,
        e.GetDateTimeOffset("DueAt") ?? default, e.GetString("Status") ?? ReminderStatus.Scheduled, e.ETag);
}
