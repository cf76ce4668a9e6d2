using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;

namespace Steunpunt.Reminders.Appointments;

public static class AppointmentStatus
{
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";
}

/// <summary>An appointment row. <see cref="Phone"/> is erased after the retention period; the rest stays.</summary>
public sealed class Appointment
{
    public required string Id { get; init; }
    public int Version { get; set; }
    public string Status { get; set; } = AppointmentStatus.Scheduled;
    public DateTimeOffset StartsAt { get; set; }
    public string Kind { get; set; } = AppointmentKinds.Office;
    public string? Place { get; set; }
    public string? Phone { get; set; }
    public bool ConsentToSms { get; set; }
    public string Language { get; set; } = "nl";
    public string Arm { get; set; } = ExperimentArm.Control;
    public string? Outcome { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<DateTimeOffset> RemindersDue { get; set; } = [];
    public ETag ETag { get; set; }

    public TableEntity ToEntity() => new(Id, AppointmentStore.RowKeyValue)
    {
        ["Version"] = Version,
        ["Status"] = Status,
        ["StartsAt"] = StartsAt,
        ["Kind"] = Kind,
        ["Place"] = Place,
        ["Phone"] = Phone ?? "",
        ["ConsentToSms"] = ConsentToSms,
        ["Language"] = Language,
        ["Arm"] = Arm,
        ["Outcome"] = Outcome,
        ["CreatedAt"] = CreatedAt,
        ["RemindersDue"] = string.Join(";", RemindersDue.Select(d => d.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))),
    };

    public static Appointment FromEntity(TableEntity e) => new()
    {
        Id = e.PartitionKey,
        Version = e.GetInt32("Version") ?? 1,
        Status = e.GetString("Status") ?? AppointmentStatus.Scheduled,
        StartsAt = e.GetDateTimeOffset("StartsAt") ?? default,
        Kind = e.GetString("Kind") ?? AppointmentKinds.Office,
        Place = e.GetString("Place"),
        Phone = string.IsNullOrEmpty(e.GetString("Phone")) ? null : e.GetString("Phone"),
        ConsentToSms = e.GetBoolean("ConsentToSms") ?? false,
        Language = e.GetString("Language") ?? "nl",
        Arm = e.GetString("Arm") ?? ExperimentArm.Control,
        Outcome = e.GetString("Outcome"),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        RemindersDue = (e.GetString("RemindersDue") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)).ToList(),
        ETag = e.ETag,
    };
}

/// <summary>
/// Appointments by id, their statistics rows (arm and outcome, no personal data) by month of the local start date,
/// which outlive the phone number, and their day rows (AppointmentDays: a partition per local day of the start, row
/// key start then id, nothing personal) so staff can list a day without reading every appointment.
/// </summary>
public sealed partial class AppointmentStore(StorageAccount storage)
{
    public const string RowKeyValue = "appointment";
    private TableClient Table => storage.Tables.GetTableClient(StorageNames.Tables.Appointments);
    private TableClient Stats => storage.Tables.GetTableClient(StorageNames.Tables.AppointmentStats);
    private TableClient Days => storage.Tables.GetTableClient(StorageNames.Tables.AppointmentDays);

    public async Task<Appointment?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id)) return null;
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(id, RowKeyValue, cancellationToken: cancellationToken);
        return row.HasValue ? Appointment.FromEntity(row.Value!) : null;
    }

    public async Task AddAsync(Appointment appointment, DateOnly localDay, CancellationToken cancellationToken)
    {
        // The day row before the appointment: a day row without its appointment is skipped when read, an appointment
        // without its day row would be missing from the list.
        await Days.UpsertEntityAsync(DayRow(appointment.Id, appointment.StartsAt, localDay), TableUpdateMode.Replace, cancellationToken);
        await WriteStatsAsync(appointment, localDay, null, cancellationToken);
        await Table.AddEntityAsync(appointment.ToEntity(), cancellationToken);
    }

    /// <summary>
    /// Replaces the row if nobody changed it since it was read; false when someone did. A moved appointment gets its new
    /// day row first and loses the old one after.
    /// </summary>
    public async Task<bool> TryReplaceAsync(
        Appointment appointment, DateOnly localDay, DateOnly? previousDay, DateTimeOffset previousStart, CancellationToken cancellationToken)
    {
        var moved = previousDay != localDay || previousStart != appointment.StartsAt;
        if (moved) await Days.UpsertEntityAsync(DayRow(appointment.Id, appointment.StartsAt, localDay), TableUpdateMode.Replace, cancellationToken);
        try
        {
            var response = await Table.UpdateEntityAsync(appointment.ToEntity(), appointment.ETag, TableUpdateMode.Replace, cancellationToken);
            appointment.ETag = response.Headers.ETag ?? appointment.ETag;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return false;
        }
        if (moved && previousDay is { } before)
        {
            await Days.DeleteEntityAsync(DayKey(before), DayRowKey(appointment.Id, previousStart), ETag.All, cancellationToken);
        }
        await WriteStatsAsync(appointment, localDay, previousDay, cancellationToken);
        return true;
    }

    /// <summary>
    /// The appointments that start on a local day, in order of start, a page after <paramref name="after"/>. A day row
    /// whose appointment has moved on since (a write that stopped halfway) is left out.
    /// </summary>
    public async Task<(IReadOnlyList<Appointment> Appointments, string? Next)> DayAsync(
        DateOnly localDay, Func<DateTimeOffset, DateOnly> localDayOf, string? after, int limit, CancellationToken cancellationToken)
    {
        var (rows, next) = await TablePages.ReadAsync(Days, DayKey(localDay), after, limit, cancellationToken);
        var found = await Task.WhenAll(rows.Select(row => FindAsync(row.GetString("AppointmentId") ?? "", cancellationToken)));
        var current = found.Zip(rows)
            .Where(pair => pair.First is { } a && DayRowKey(a.Id, a.StartsAt) == pair.Second.RowKey && localDayOf(a.StartsAt) == localDay)
            .Select(pair => pair.First!)
            .ToList();
        return (current, next);
    }

    private static TableEntity DayRow(string id, DateTimeOffset startsAt, DateOnly localDay)
        => new(DayKey(localDay), DayRowKey(id, startsAt)) { ["AppointmentId"] = id };

    /// <summary>In order of start (UTC ticks, so the autumn hour that occurs twice sorts right), then by id.</summary>
    private static string DayRowKey(string id, DateTimeOffset startsAt) => $"{startsAt.UtcTicks:D19}_{id}";

    private static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Whether a row key can be one of a day list (the check a cursor must pass).</summary>
    public static bool IsDayRowKey(string rowKey) => DayRowKeyShape().IsMatch(rowKey);

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{19}_[0-9a-f]{32}$")]
    private static partial System.Text.RegularExpressions.Regex DayRowKeyShape();

    private async Task WriteStatsAsync(Appointment appointment, DateOnly localDay, DateOnly? previousDay, CancellationToken cancellationToken)
    {
        await Stats.UpsertEntityAsync(StatsEntity(appointment, localDay), TableUpdateMode.Replace, cancellationToken);
        if (previousDay is { } before && Month(before) != Month(localDay))
        {
            await Stats.DeleteEntityAsync(Month(before), appointment.Id, ETag.All, cancellationToken);
        }
    }

    /// <summary>An appointment's statistics row (month of its local start date; arm and outcome, nothing personal), public for the benchmark's seeding.</summary>
    public static TableEntity StatsEntity(Appointment appointment, DateOnly localDay) => new(Month(localDay), appointment.Id)
    {
        ["Day"] = localDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Arm"] = appointment.Arm,
        ["Outcome"] = appointment.Outcome ?? "",
    };

    /// <summary>The statistics rows of appointments whose local start date lies in [from, to].</summary>
    public async Task<List<(string Arm, string Outcome)>> StatsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = new List<(string, string)>();
        var fromText = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var toText = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Counted in months since year 0, not by AddMonths: the month after December 9999 does not exist.
        for (var index = from.Year * 12 + from.Month - 1; index <= to.Year * 12 + to.Month - 1; index++)
        {
            var month = new DateOnly(index / 12, index % 12 + 1, 1);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Month(month)} and Day ge {fromText} and Day le {toText}");
            await foreach (var row in Stats.QueryAsync<TableEntity>(filter, select: ["Arm", "Outcome"], cancellationToken: cancellationToken))
            {
                rows.Add((row.GetString("Arm") ?? "", row.GetString("Outcome") ?? ""));
            }
        }
        return rows;
    }

    /// <summary>Erases the phone numbers of appointments that started before <paramref name="cutoff"/>.</summary>
    public async Task<int> ErasePhonesAsync(DateTimeOffset cutoff, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var erased = 0;
        var filter = TableClient.CreateQueryFilter($"StartsAt lt {cutoff} and Phone ne {""}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await Table.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Phone"] = "", ["PhoneErasedAt"] = at }, ETag.All, TableUpdateMode.Merge, cancellationToken);
            erased++;
        }
        return erased;
    }

    public static bool IsId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    private static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
