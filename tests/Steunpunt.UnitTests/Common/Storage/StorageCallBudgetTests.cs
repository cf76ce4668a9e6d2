using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Steunpunt.Common.Http;
using Steunpunt.Common.Storage;
using Steunpunt.LocalHost.Azurite;

namespace Steunpunt.UnitTests.Common.Storage;

/// <summary>The storage clients against a listener that takes connections and never answers, as a paused Azurite does.</summary>
public sealed class StorageCallBudgetTests : IDisposable
{
    private readonly TcpListener silent = new(IPAddress.Loopback, 0);
    private readonly StorageAccount storage;

    public StorageCallBudgetTests()
    {
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        storage = StorageAccount.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection([new(StorageAccount.Setting, new AzuritePorts(port, port, port).ConnectionString)])
            .Build());
    }

    public void Dispose() => silent.Stop();

    [Theory]
    [InlineData("tables")]
    [InlineData("queues")]
    public async Task A_waiting_callers_call_to_a_store_that_does_not_answer_fails_as_unavailable_within_ten_seconds(string store)
    {
        var started = Stopwatch.StartNew();
        Exception? failure;
        using (StorageCallBudget.ForWaitingCaller())
        {
            // The test's own cancellation only stops a runaway call: it must not be what ends the call.
            using var runaway = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            Func<Task> call = store == "tables"
                ? async () => await storage.Tables.GetTableClient("Outage").GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("p", "r", cancellationToken: runaway.Token)
                : async () => await storage.Queues.GetQueueClient("outage").SendMessageAsync("sentinel", runaway.Token);
            failure = await Record.ExceptionAsync(call);
            Assert.False(runaway.IsCancellationRequested, "the call ran until the test's own 60 s cancellation");
        }

        Assert.NotNull(failure);
        Assert.True(UnhandledExceptionAnswer.IsUnavailable(failure), failure.GetType().Name);
        Assert.InRange(started.Elapsed, StorageCallBudget.WaitingCallerAttemptTimeout, TimeSpan.FromSeconds(10));
    }
}
