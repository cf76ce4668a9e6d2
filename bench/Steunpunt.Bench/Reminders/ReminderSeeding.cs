using System.Diagnostics;
using Azure.Data.Tables;
using Steunpunt.Bench.Chat;
using Steunpunt.Common.Storage;
using Steunpunt.Reminders;
using Steunpunt.Reminders.Appointments;
using Steunpunt.Reminders.Sending;

namespace Steunpunt.Bench.Reminders;

/// <summary>How one table was seeded.</summary>
public sealed record SeedStep(string Table, long Rows, long Requests, double Seconds, double? AzuriteCpuSeconds)
{
    public double RowsPerSecond => Seconds > 0 ? Rows / Seconds : double.NaN;
}

/// <summary>
/// Stores what creating each appointment stores (<c>AppointmentStore.AddAsync</c> and <c>ReminderSchedule.AddAsync</c>): the
/// appointment row and its reminder rows, and for the due appointments also the statistics row, built with the app's own
/// entity functions. Only the way they are written differs, for speed: many requests in flight, and statistics and reminder
/// rows in entity-group transactions of up to 100 rows of one partition. An appointment is a partition of its own, so its
/// rows go one by one. Every table is written in key order (see <see cref="BenchAppointments"/>).
/// </summary>
public static class ReminderSeeding
{
    public const int BatchSize = 100;
    public const int SingleInsertsInFlight = 16;
    public const int BatchesInFlight = 4;

    public static async Task<IReadOnlyList<SeedStep>> SeedAsync(string target, StorageAccount storage, BenchAppointments appointments, AzuriteCpu? azuriteCpu, TextWriter progress, CancellationToken cancellationToken)
    {
        var total = appointments.Due.Count + appointments.FutureCount;
        var steps = new List<SeedStep>
        {
            await StepAsync(target, StorageNames.Tables.Appointments, total, azuriteCpu, progress, async count =>
            {
                var table = storage.Tables.GetTableClient(StorageNames.Tables.Appointments);
                await Parallel.ForEachAsync(appointments.All(), new ParallelOptions { MaxDegreeOfParallelism = SingleInsertsInFlight, CancellationToken = cancellationToken }, async (a, token) =>
                {
                    await table.AddEntityAsync(a.Appointment.ToEntity(), token);
                    count(1, 1);
                });
            }),
            // Statistics rows for the due appointments only, which are stored exactly as the app stores them. The sweep never reads
            // this table; and Azurite checks every insert against each row of its partition (a month: ~83,000 rows at a million
            // appointments), which measured 0.2 ms per row at 20,000 appointments and 0.8 ms at 100,000: hours for a million.
            await StepAsync(target, StorageNames.Tables.AppointmentStats, appointments.Due.Count, azuriteCpu, progress, count => InsertBatchesAsync(
                storage.Tables.GetTableClient(StorageNames.Tables.AppointmentStats),
                appointments.Due.Select(a => AppointmentStore.StatsEntity(a.Appointment, appointments.Planner.LocalDay(a.Appointment.StartsAt))), count, cancellationToken)),
        };
        var rows = appointments.ScheduleRows();
        steps.Add(await StepAsync(target, StorageNames.Tables.ReminderSchedule, rows.Count, azuriteCpu, progress, count => InsertBatchesAsync(
            storage.Tables.GetTableClient(StorageNames.Tables.ReminderSchedule), rows.Select(ScheduleEntity), count, cancellationToken)));
        return steps;
    }

    /// <summary>A reminder row as <c>ReminderSchedule.AddAsync</c> stores it; one that went out already as the sweep and the sender leave it.</summary>
    public static TableEntity ScheduleEntity(ScheduleRow row)
    {
        var entity = ReminderSchedule.Entity(BenchAppointments.Id(row.Index), 1, new PlannedReminder(TimeSpan.FromMinutes(row.LeadMinutes), row.DueAt));
        if (row.AlreadySent)
        {
            entity["Status"] = ReminderStatus.Sent;
            entity["DoneAt"] = row.DueAt.AddSeconds(2);
            entity["MessageId"] = BenchAppointments.Id(row.Index ^ 0x5a5a5a5a);
        }
        return entity;
    }

    /// <summary>Consecutive rows of one partition in transactions of up to <see cref="BatchSize"/>, several in flight.</summary>
    private static Task InsertBatchesAsync(TableClient table, IEnumerable<TableEntity> rows, Action<long, long> count, CancellationToken cancellationToken)
        => Parallel.ForEachAsync(Batches(rows), new ParallelOptions { MaxDegreeOfParallelism = BatchesInFlight, CancellationToken = cancellationToken }, async (batch, token) =>
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), token);
            count(batch.Count, 1);
        });

    public static IEnumerable<List<TableEntity>> Batches(IEnumerable<TableEntity> rows)
    {
        var batch = new List<TableEntity>(BatchSize);
        foreach (var row in rows)
        {
            if (batch.Count == BatchSize || (batch.Count > 0 && batch[0].PartitionKey != row.PartitionKey))
            {
                yield return batch;
                batch = new List<TableEntity>(BatchSize);
            }
            batch.Add(row);
        }
        if (batch.Count > 0) yield return batch;
    }

    private static async Task<SeedStep> StepAsync(string target, string table, long expected, AzuriteCpu? azuriteCpu, TextWriter progress, Func<Action<long, long>, Task> write)
    {
        long rows = 0, requests = 0, reported = 0;
        var step = Math.Max(expected / 10, 1);
        var watch = Stopwatch.StartNew();
        var cpuBefore = azuriteCpu?.Total();
        await write((r, q) =>
        {
            var done = Interlocked.Add(ref rows, r);
            Interlocked.Add(ref requests, q);
            var mark = done / step;
            if (mark > Interlocked.Read(ref reported) && Interlocked.Exchange(ref reported, mark) < mark && done < expected)
            {
                progress.WriteLine($"Reminders: {target}: {table} {done:N0} of {expected:N0} rows ({done / watch.Elapsed.TotalSeconds:N0} rows/s).");
            }
        });
        var seconds = watch.Elapsed.TotalSeconds;
        var cpu = azuriteCpu?.Total() - cpuBefore;
        progress.WriteLine($"Reminders: {target}: {table} {rows:N0} rows in {requests:N0} requests, {seconds:N1} s ({rows / seconds:N0} rows/s" +
            $"{(cpu is { } c ? $", Azurite CPU {c.TotalSeconds:N1} s" : "")}).");
        return new SeedStep(table, rows, requests, seconds, cpu?.TotalSeconds);
    }
}
