using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Steunpunt.Common.Storage;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Discovery;
using Steunpunt.LocalHost.Settings;
using Steunpunt.LocalHost.Triggers;

namespace Steunpunt.IntegrationTests.LocalHost;

/// <summary>The local host's queue and timer semantics, on real Azurite, watched through probe functions.</summary>
[Collection(LocalHostCollection.Name)]
public class TriggerSemanticsTests(LocalHostFixture fixture)
{
    private static readonly IReadOnlyList<FunctionDescriptor> Probes = FunctionDiscovery.Discover(typeof(ProbeFunctions).Assembly);
    private static readonly HostJsonSettings Host = new("api", 4, 2, TimeSpan.FromMilliseconds(200), TimeSpan.Zero, 3, true);
    private readonly IServiceScopeFactory scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();

    private QueueTriggerListener Listener() => new(new FunctionInvoker(Probes.Single(p => p.Name == "ProbeQueue")), Host, fixture.Storage, scopes, NullLogger<QueueTriggerListener>.Instance);

    [Fact]
    public async Task A_failing_message_is_retried_until_it_succeeds_and_then_deleted()
    {
        var queue = fixture.Storage.Queues.GetQueueClient(ProbeFunctions.Queue);
        await queue.CreateIfNotExistsAsync();
        var message = $"fail-2-{Guid.NewGuid():N}";
        await queue.SendMessageAsync(message);

        var listener = Listener();
        await listener.StartAsync(default);
        try
        {
            await LocalHostFixture.EventuallyAsync(() => Task.FromResult(ProbeFunctions.Attempts.TryGetValue(message, out var n) && n == 3 ? "" : null), "the third attempt");
            await LocalHostFixture.EventuallyAsync(async () => (await queue.PeekMessagesAsync(32)).Value.Length == 0 ? "" : null, "the message to be deleted");
        }
        finally
        {
            await listener.StopAsync(default);
        }
        var poison = fixture.Storage.Queues.GetQueueClient(StorageNames.Queues.PoisonOf(ProbeFunctions.Queue));
        Assert.DoesNotContain((await poison.PeekMessagesAsync(32)).Value, m => m.Body.ToString() == message);
        Assert.Equal(3, ProbeFunctions.Attempts[message]);
    }

    [Fact]
    public async Task After_the_maximum_attempts_a_message_is_moved_to_poison_with_its_body()
    {
        var queue = fixture.Storage.Queues.GetQueueClient(ProbeFunctions.Queue);
        await queue.CreateIfNotExistsAsync();
        var message = $"fail-9-{Guid.NewGuid():N}";
        await queue.SendMessageAsync(message);
        var poison = fixture.Storage.Queues.GetQueueClient(StorageNames.Queues.PoisonOf(ProbeFunctions.Queue));

        var listener = Listener();
        await listener.StartAsync(default);
        try
        {
            await LocalHostFixture.EventuallyAsync(async () => (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == message) ? "" : null, "the message in poison");
        }
        finally
        {
            await listener.StopAsync(default);
        }
        Assert.Equal(Host.QueueMaxDequeueCount, ProbeFunctions.Attempts[message]);
    }

    [Fact]
    public async Task A_missed_occurrence_runs_once_at_start_marked_past_due_and_the_schedule_goes_on()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 5, 1, 12, 30, 0, TimeSpan.Zero));
        var table = fixture.Storage.Tables.GetTableClient(TimerTriggerScheduler.StatusTable);
        await table.CreateIfNotExistsAsync();
        // The host was down at 11:00 and 12:00: the stored status still expects 11:00.
        await table.UpsertEntityAsync(new TableEntity("timers", "ProbeTimer")
        {
            ["Last"] = new DateTime(2031, 5, 1, 10, 0, 0, DateTimeKind.Utc),
            ["Next"] = new DateTime(2031, 5, 1, 11, 0, 0, DateTimeKind.Utc),
            ["LastUpdated"] = new DateTime(2031, 5, 1, 10, 0, 0, DateTimeKind.Utc),
        }, TableUpdateMode.Replace);
        while (ProbeFunctions.Ticks.TryDequeue(out _)) { }

        var invoker = new FunctionInvoker(Probes.Single(p => p.Name == "ProbeTimer"));
        var schedule = TimerSchedule.Parse("0 0 * * * *", new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), "ProbeTimer");
        var scheduler = new TimerTriggerScheduler(invoker, schedule, fixture.Storage, clock, scopes, NullLogger<TimerTriggerScheduler>.Instance);
        await scheduler.StartAsync(default);
        try
        {
            var first = await LocalHostFixture.EventuallyAsync(() => Task.FromResult(ProbeFunctions.Ticks.TryDequeue(out var t) ? t : null), "the past-due run");
            Assert.True(first.IsPastDue);
            Assert.Equal(new DateTime(2031, 5, 1, 11, 0, 0), first.ScheduleStatus!.Next);
            await LocalHostFixture.EventuallyAsync(async () =>
                (await table.GetEntityAsync<TableEntity>("timers", "ProbeTimer")).Value.GetDateTime("Next") == new DateTime(2031, 5, 1, 13, 0, 0, DateTimeKind.Utc) ? "" : null,
                "the next occurrence to be stored");
            Assert.Empty(ProbeFunctions.Ticks); // once, not once per missed occurrence

            clock.Advance(TimeSpan.FromMinutes(30));
            var onTime = await LocalHostFixture.EventuallyAsync(() => Task.FromResult(ProbeFunctions.Ticks.TryDequeue(out var t) ? t : null), "the 13:00 run");
            Assert.False(onTime.IsPastDue);
        }
        finally
        {
            await scheduler.StopAsync(default);
        }
    }

    [Fact]
    public async Task A_missing_setting_stops_the_local_host_naming_it()
    {
        var app = LocalFunctionsHost.Build([.. LocalHostFixture.HostArguments(), "--StaffAuth:Issuer="]);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("StaffAuth:Issuer", error.Message);
        await app.DisposeAsync();
    }
}
