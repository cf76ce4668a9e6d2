using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.Events;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Azurite;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.LocalHost.Settings;

namespace Steunpunt.IntegrationTests.LocalHost;

/// <summary>
/// A local host of its own on an Azurite of its own (free ports, in memory), so pausing that Azurite touches no other
/// test; its log lines are collected, and one test-only event handler throws, to reach the unhandled-exception path.
/// </summary>
public sealed class OutageHostFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    private WebApplication? app;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2040, 1, 1, 10, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 20 * 365)));
    public HttpClient Client { get; private set; } = null!;
    public StorageAccount Storage { get; private set; } = null!;
    public IServiceProvider Services => app!.Services;
    public FakeLogCollector Logs => app!.Services.GetFakeLogCollector();

    public async Task InitializeAsync()
    {
        azurite = await AzuriteProcess.StartDedicatedAsync(RepositoryRoot.Find(), TextWriter.Null);
        app = LocalFunctionsHost.Build([.. LocalHostFixture.HostArguments(), $"--{StorageAccount.Setting}={azurite.DedicatedPorts!.ConnectionString}"], builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(Clock);
            builder.Services.AddSingleton<ICommunicationEventHandler, ThrowingEventHandler>();
            builder.Logging.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
        });
        await app.StartAsync();
        // Generous: a request must not be cut short by the client; the test measures how long each one took.
        Client = new HttpClient { BaseAddress = new Uri(LocalFunctionsHost.Addresses(app)[0]), Timeout = TimeSpan.FromSeconds(90) };
        Storage = app.Services.GetRequiredService<StorageAccount>();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (azurite is not null) Signal("CONT");
        if (app is not null) await app.DisposeAsync();
        if (azurite is not null) await azurite.DisposeAsync();
    }

    /// <summary>Freezes this fixture's Azurite (SIGSTOP): it keeps its ports and takes connections, and answers nothing, like a store that hangs.</summary>
    public void PauseStorage() => Signal("STOP");

    public void ResumeStorage() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, azurite!.ProcessId.ToString()]) { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {azurite.ProcessId} failed with {kill.ExitCode}.");
    }

    public async Task<List<OutboxItem>> OutboxAsync(string to)
        => (await Client.GetFromJsonAsync<List<OutboxItem>>($"/dev/outbox/messages?channel={DevOutbox.Email}&to={Uri.EscapeDataString(to)}", JsonDefaults.Web))!;

    /// <summary>Throws on events of its own type, quoting the event's data, as code that quotes a visitor's input in an exception would.</summary>
    public sealed class ThrowingEventHandler : ICommunicationEventHandler
    {
        public const string Type = "Steunpunt.Tests.Throw";

        public string EventType => Type;

        public Task HandleAsync(CommunicationEvent communicationEvent, CancellationToken cancellationToken)
            => throw new InvalidOperationException("Could not handle: " + communicationEvent.Data.GetRawText());
    }
}
