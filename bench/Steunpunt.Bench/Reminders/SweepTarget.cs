using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Steunpunt.Bench.Chat;
using Steunpunt.Common.Storage;
using Steunpunt.Composition;
using Steunpunt.LocalHost.Azurite;
using Steunpunt.Reminders;
using Steunpunt.Reminders.Sending;
using Steunpunt.Common;

namespace Steunpunt.Bench.Reminders;

/// <summary>
/// One configuration of the sweep benchmark: a dedicated in-memory Azurite, the app's services from its own composition root
/// (<c>AddSteunpunt</c>) with storage pointed at that Azurite and a fake clock standing at <see cref="SweepScenario.Now"/>,
/// and the appointments seeded there. Nothing of it touches the shared Azurite on 10000-10002.
/// </summary>
public sealed class SweepTarget : IAsyncDisposable
{
    private readonly AzuriteProcess azurite;
    private readonly ServiceProvider services;
    private readonly StorageAccount storage;
    private readonly ReminderSweep sweep;
    private readonly Watermarks watermarks;
    private readonly AzuriteCpu azuriteCpu;
    private readonly HashSet<ReminderMessage> expected;

    private SweepTarget(string name, BenchAppointments appointments, AzuriteProcess azurite, int? nodeHeapMegabytes, ServiceProvider services)
    {
        Name = name;
        Appointments = appointments;
        this.azurite = azurite;
        NodeHeapMegabytes = nodeHeapMegabytes;
        this.services = services;
        storage = services.GetRequiredService<StorageAccount>();
        sweep = services.GetRequiredService<ReminderSweep>();
        watermarks = services.GetRequiredService<Watermarks>();
        azuriteCpu = new AzuriteCpu(azurite.ProcessId);
        expected = appointments.ExpectedMessages.ToHashSet();
    }

    public string Name { get; }
    public BenchAppointments Appointments { get; }
    public int? NodeHeapMegabytes { get; }
    public IReadOnlyList<int> Ports => azurite.DedicatedPorts!.All;
    public ProcessMemory.Resident? Memory => ProcessMemory.Read(azurite.ProcessId);

    public static async Task<SweepTarget> StartAsync(string name, int due, int future, int? nodeHeapMegabytes, string root, TextWriter progress, CancellationToken cancellationToken)
    {
        var azurite = await AzuriteProcess.StartDedicatedAsync(root, progress, nodeHeapMegabytes, cancellationToken);
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection([new(StorageAccount.Setting, azurite.DedicatedPorts!.ConnectionString)])
                .Build();
            var collection = new ServiceCollection();
            collection.AddSingleton<IConfiguration>(configuration);
            // Registered before AddSteunpunt, whose TryAddSingleton(TimeProvider.System) then leaves it in place.
            collection.AddSingleton<TimeProvider>(new FakeTimeProvider(SweepScenario.Now));
            collection.AddLogging(logging => logging
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                .SetMinimumLevel(LogLevel.Warning));
            collection.AddSteunpunt(configuration);
            var services = collection.BuildServiceProvider();
            // The app's own start-up step creates every table and queue in this empty Azurite.
            await ActivatorUtilities.CreateInstance<StorageInitializer>(services).StartAsync(cancellationToken);
            var settings = services.GetRequiredService<IOptions<ReminderOptions>>().Value;
            return new SweepTarget(name, new BenchAppointments(settings, services.GetRequiredService<OrganisationClock>().Zone, due, future), azurite, nodeHeapMegabytes, services);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public Task<IReadOnlyList<SeedStep>> SeedAsync(TextWriter progress, CancellationToken cancellationToken)
        => ReminderSeeding.SeedAsync(Name, storage, Appointments, azuriteCpu, progress, cancellationToken);

    /// <summary>
    /// Puts the sweep's state back (the due rows scheduled again, as seeded; the watermark; an empty queue), runs one sweep,
    /// timed, and checks what it queued.
    /// </summary>
    public async Task<SweepRound> RunAsync(string phase, DateTimeOffset watermark, StorageCalls calls, CancellationToken cancellationToken)
    {
        await ResetAsync(watermark, cancellationToken);
        var load = LoadAverage.Read();
        var callsBefore = calls.Snapshot(Ports);
        var azuriteBefore = azuriteCpu.Total();
        var processBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var queued = await sweep.SweepAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var processCpu = Process.GetCurrentProcess().TotalProcessorTime - processBefore;
        var azuriteUsed = azuriteCpu.Total() - azuriteBefore;
        var callsMade = StorageCalls.Difference(calls.Snapshot(Ports), callsBefore);
        var check = await CheckAndClearQueueAsync(queued, cancellationToken);
        return new SweepRound(phase, load, elapsed.TotalMilliseconds, callsMade, azuriteUsed?.TotalMilliseconds, processCpu.TotalMilliseconds, check);
    }

    private async Task ResetAsync(DateTimeOffset watermark, CancellationToken cancellationToken)
    {
        // The sweep writes nothing per reminder (outside the quiet hours), so only its watermark and the queue go back.
        await watermarks.SetInstantAsync(ReminderSweep.WatermarkName, watermark, cancellationToken);
        await storage.Queues.GetQueueClient(StorageNames.Queues.SmsReminders).ClearMessagesAsync(cancellationToken);
    }

    /// <summary>Takes every message off <c>sms-reminders</c>, compares them with the due reminders, and empties the queue.</summary>
    private async Task<SweepCheck> CheckAndClearQueueAsync(int queued, CancellationToken cancellationToken)
    {
        var queue = storage.Queues.GetQueueClient(StorageNames.Queues.SmsReminders);
        var seen = new Dictionary<ReminderMessage, int>();
        var unreadable = 0;
        while (true)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), cancellationToken)).Value;
            if (messages.Length == 0) break;
            foreach (var message in messages)
            {
                try
                {
                    var reminder = QueueContract.Read<ReminderMessage>(message.Body.ToString(), m => m.SchemaVersion, ReminderMessage.CurrentSchemaVersion, "reminder");
                    seen[reminder] = seen.GetValueOrDefault(reminder) + 1;
                }
                catch (Exception exception) when (exception is JsonException or InvalidDataException)
                {
                    unreadable++;
                }
            }
        }
        await queue.ClearMessagesAsync(cancellationToken);
        return new SweepCheck(
            Queued: queued,
            Messages: seen.Values.Sum() + unreadable,
            Missing: expected.Count(e => !seen.ContainsKey(e)),
            Duplicates: seen.Where(s => expected.Contains(s.Key)).Sum(s => s.Value - 1),
            Unexpected: seen.Where(s => !expected.Contains(s.Key)).Sum(s => s.Value) + unreadable,
            Expected: expected.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
