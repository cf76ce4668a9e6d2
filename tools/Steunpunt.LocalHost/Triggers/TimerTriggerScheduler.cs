using Azure;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Storage;
using Steunpunt.LocalHost.Discovery;

namespace Steunpunt.LocalHost.Triggers;

/// <summary>
/// Runs one timer-triggered function on its schedule. As in the Functions host, the schedule status (last and
/// next occurrence) is kept in storage (here a table), so an occurrence missed while the host was down runs
/// once at start with <c>IsPastDue</c> set; <c>RunOnStartup</c> runs it at every start. Storage that does not answer
/// never ends the schedule: a status that cannot be stored is logged and the runs go on.
/// </summary>
public sealed class TimerTriggerScheduler(
    FunctionInvoker invoker, TimerSchedule schedule, StorageAccount storage, TimeProvider clock, IServiceScopeFactory scopes,
    ILogger<TimerTriggerScheduler> logger) : BackgroundService
{
    public const string StatusTable = "LocalHostTimerStatus";
    private static readonly TimeSpan MaximumBackOff = TimeSpan.FromSeconds(15);
    private readonly TimerTriggerDescriptor trigger = (TimerTriggerDescriptor)invoker.Function.Trigger;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var table = storage.Tables.GetTableClient(StatusTable);
        // Whether an occurrence was missed is in the stored status, so the first run waits until it can be read.
        var (read, status) = await FirstStatusAsync(table, stoppingToken);
        if (!read) return;
        var now = clock.GetUtcNow();
        var pastDue = trigger.UseMonitor && status?.Next is { } next && next < now;
        // The occurrence waited for is the one stored as next: computed again from the time after a storage round trip,
        // it would skip an occurrence the clock reached during that trip.
        DateTimeOffset? occurrence;
        if (trigger.RunOnStartup || pastDue)
        {
            status = await RunAsync(table, status, now, pastDue, stoppingToken);
            occurrence = status.Next == default ? null : new DateTimeOffset(status.Next, TimeSpan.Zero);
        }
        else
        {
            occurrence = schedule.NextAfter(now);
            if (occurrence is not null)
            {
                await TryWriteStatusAsync(table, new ScheduleStatus { Last = status?.Last ?? default, Next = occurrence.Value.UtcDateTime, LastUpdated = now.UtcDateTime }, stoppingToken);
            }
        }

        while (occurrence is not null && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WaitUntilAsync(occurrence.Value, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            status = await RunAsync(table, status, occurrence.Value, pastDue: false, stoppingToken);
            occurrence = status.Next == default ? null : new DateTimeOffset(status.Next, TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Waits until the clock reaches <paramref name="occurrence"/>. The time is read again once the timer exists: a clock
    /// that moved on between the first read and the timer (a test's fake clock can) would otherwise leave it waiting an
    /// interval too long.
    /// </summary>
    private async Task WaitUntilAsync(DateTimeOffset occurrence, CancellationToken stoppingToken)
    {
        while (occurrence - clock.GetUtcNow() is var left && left > TimeSpan.Zero)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(left, clock, timer.Token);
            if (clock.GetUtcNow() >= occurrence)
            {
                await timer.CancelAsync();
                return;
            }
            await delay;
        }
    }

    /// <summary>Runs the function once and stores (when storage answers) and returns the status it leaves: this occurrence as the last, the next one after now.</summary>
    private async Task<ScheduleStatus> RunAsync(TableClient table, ScheduleStatus? previous, DateTimeOffset occurrence, bool pastDue, CancellationToken stoppingToken)
    {
        var info = new TimerInfo { IsPastDue = pastDue, ScheduleStatus = previous };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await invoker.InvokeAsync(scope.ServiceProvider, new InvocationInput(Timer: info), stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // A failed run is not retried; the next occurrence runs as usual (as in the Functions host).
            logger.LogError("Timer function {Function} failed: {Error}.", invoker.Function.Name, exception.GetType().Name);
        }
        var next = schedule.NextAfter(clock.GetUtcNow());
        var status = new ScheduleStatus
        {
            Last = occurrence.UtcDateTime,
            Next = next?.UtcDateTime ?? default,
            LastUpdated = clock.GetUtcNow().UtcDateTime,
        };
        await TryWriteStatusAsync(table, status, CancellationToken.None);
        return status;
    }

    private async Task<(bool Read, ScheduleStatus? Status)> FirstStatusAsync(TableClient table, CancellationToken stoppingToken)
    {
        var backOff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                return (true, await ReadStatusAsync(table, stoppingToken));
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Timer {Function}: schedule status unreadable ({Error}); retrying in {BackOff}.", invoker.Function.Name, exception.GetType().Name, backOff);
                await Task.Delay(backOff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backOff = TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, MaximumBackOff.Ticks));
            }
        }
        return (false, null);
    }

    /// <summary>
    /// The stored status only serves to spot a missed occurrence after a restart: a write storage cannot take now is logged
    /// and the schedule goes on (the next run writes it again).
    /// </summary>
    private async Task TryWriteStatusAsync(TableClient table, ScheduleStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await WriteStatusAsync(table, status, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Timer {Function}: schedule status not stored ({Error}).", invoker.Function.Name, exception.GetType().Name);
        }
    }

    private async Task<ScheduleStatus?> ReadStatusAsync(TableClient table, CancellationToken cancellationToken)
    {
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>("timers", invoker.Function.Name, cancellationToken: cancellationToken);
            if (!row.HasValue) return null;
            return new ScheduleStatus
            {
                Last = row.Value!.GetDateTime("Last") ?? default,
                Next = row.Value.GetDateTime("Next") ?? default,
                LastUpdated = row.Value.GetDateTime("LastUpdated") ?? default,
            };
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            return null;
        }
    }

    private async Task WriteStatusAsync(TableClient table, ScheduleStatus status, CancellationToken cancellationToken)
    {
        var entity = new TableEntity("timers", invoker.Function.Name)
        {
            ["Last"] = status.Last == default ? null : DateTime.SpecifyKind(status.Last, DateTimeKind.Utc),
            ["Next"] = status.Next == default ? null : DateTime.SpecifyKind(status.Next, DateTimeKind.Utc),
            ["LastUpdated"] = DateTime.SpecifyKind(status.LastUpdated, DateTimeKind.Utc),
        };
        try
        {
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }
}
