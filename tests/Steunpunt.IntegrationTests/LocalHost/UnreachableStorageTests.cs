using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Steunpunt.Common.Storage;
using Steunpunt.LocalHost.Azurite;
using Steunpunt.LocalHost.Discovery;
using Steunpunt.LocalHost.Settings;
using Steunpunt.LocalHost.Triggers;

namespace Steunpunt.IntegrationTests.LocalHost;

/// <summary>
/// The trigger loops when storage refuses every connection, so the storage client's own retries run out and it throws an
/// AggregateException (after about 25 s): the loop logs it by type and carries on instead of ending, which would stop the host.
/// </summary>
public class UnreachableStorageTests
{
    private static readonly IReadOnlyList<FunctionDescriptor> Probes = FunctionDiscovery.Discover(typeof(ProbeFunctions).Assembly);
    private static readonly HostJsonSettings Host = new("api", 4, 2, TimeSpan.FromMilliseconds(200), TimeSpan.Zero, 3, true);
    private readonly IServiceScopeFactory scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
    private readonly StorageAccount refusing = StorageAccount.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection([new(StorageAccount.Setting, new AzuritePorts(ClosedPort(), ClosedPort(), ClosedPort()).ConnectionString)])
        .Build());

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task<FakeLogRecord> FailureLoggedAsync(FakeLogCollector logs, string what)
        => LocalHostFixture.EventuallyAsync(() => Task.FromResult(logs.GetSnapshot().FirstOrDefault(r =>
            r.Level == LogLevel.Warning && r.Message.Contains(nameof(AggregateException)))), what, seconds: 90);

    [Fact]
    public async Task A_queue_listener_whose_storage_gives_up_logs_the_exception_type_and_keeps_running()
    {
        var logger = new FakeLogger<QueueTriggerListener>();
        var listener = new QueueTriggerListener(new FunctionInvoker(Probes.Single(p => p.Name == "ProbeQueue")), Host, refusing, scopes, logger);
        await listener.StartAsync(default);
        try
        {
            var failure = await FailureLoggedAsync(logger.Collector, "the listener to log the storage client's AggregateException");
            Assert.Contains(ProbeFunctions.Queue, failure.Message);
            Assert.False(listener.ExecuteTask!.IsCompleted, "the listener's loop ended");
        }
        finally
        {
            await listener.StopAsync(default);
        }
    }

    [Fact]
    public async Task A_timer_whose_status_store_gives_up_logs_the_exception_type_and_keeps_running()
    {
        var logger = new FakeLogger<TimerTriggerScheduler>();
        var schedule = TimerSchedule.Parse("0 0 * * * *", new ConfigurationBuilder().Build(), "ProbeTimer");
        var scheduler = new TimerTriggerScheduler(new FunctionInvoker(Probes.Single(p => p.Name == "ProbeTimer")), schedule, refusing,
            new FakeTimeProvider(new DateTimeOffset(2031, 5, 1, 12, 30, 0, TimeSpan.Zero)), scopes, logger);
        await scheduler.StartAsync(default);
        try
        {
            var failure = await FailureLoggedAsync(logger.Collector, "the timer to log the storage client's AggregateException");
            Assert.Contains("ProbeTimer", failure.Message);
            Assert.False(scheduler.ExecuteTask!.IsCompleted, "the timer's loop ended");
        }
        finally
        {
            await scheduler.StopAsync(default);
        }
    }
}
