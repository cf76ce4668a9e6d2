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
/// once at start with <c>IsPastDue</c> set; <c>RunOnStartup</c> runs it at every start.
/// </summary>
public sealed class TimerTriggerScheduler(
    FunctionInvoker invoker, TimerSchedule schedule, StorageAccount storage, TimeProvider clock, IServiceScopeFactory scopes,
    ILogger<TimerTriggerScheduler> logger) : BackgroundService
{
    public const string StatusTable = "LocalHostTimerStatus";
    private readonly TimerTriggerDescriptor trigger = (TimerTriggerDescriptor)invoker.Function.Trigger;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var table = storage.Tables.GetTableClient(StatusTable);
        var status = await ReadStatusAsync(table, stoppingToken);
        var now = clock.GetUtcNow();
        var pastDue = trigger.UseMonitor && status?.Next is { } next && next < now;
        if (trigger.RunOnStartup || pastDue)
        {
            await RunAsync(table, status, now, pastDue, stoppingToken);
            status = await ReadStatusAsync(table, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var occurrence = schedule.NextAfter(clock.GetUtcNow());
            if (occurrence is null) return;
            await WriteStatusAsync(table, new ScheduleStatus { Last = status?.Last ?? default, Next = occurrence.Value.UtcDateTime, LastUpdated = clock.GetUtcNow().UtcDateTime }, stoppingToken);
            var wait = occurrence.Value - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            await RunAsync(table, status, occurrence.Value, pastDue: false, stoppingToken);
            status = await ReadStatusAsync(table, stoppingToken);
        }
    }

    private async Task RunAsync(TableClient table, ScheduleStatus? previous, DateTimeOffset occurrence, bool pastDue, CancellationToken stoppingToken)
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
        await WriteStatusAsync(table, new ScheduleStatus
        {
            Last = occurrence.UtcDateTime,
            Next = next?.UtcDateTime ?? default,
            LastUpdated = clock.GetUtcNow().UtcDateTime,
        }, CancellationToken.None);
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
