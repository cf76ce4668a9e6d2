using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.SignalR;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Settings;
using Steunpunt.LocalHost.Triggers;

namespace Steunpunt.Bench.Chat;

/// <summary>
/// The local host as <c>./steunpunt run</c> builds it, on a free loopback port, with the settings a chat load test needs:
/// <list type="bullet">
/// <item>every setting that points at the default <c>http://localhost:7071</c> (the emulators' endpoints) points at this
/// host's own port, as the integration tests' fixture does; storage is pinned to Azurite and the SignalR connection
/// string to this host's emulator (with a key made for the run), so a developer's local.settings.json that names
/// real Azure resources is never used;</item>
/// <item>the chat open around the clock on every day, at most 600 messages a minute per chat and party (the highest the
/// settings allow) and 1,000 chat starts an hour per address (all bench visitors come from 127.0.0.1);</item>
/// <item>no queue listeners and no timers: the Azurite is usually shared, and a listener here would take other runs'
/// staff notifications off the queue (their tests would wait for them in vain), while the minute's chat sweep would
/// read every open chat in the shared index in the middle of the measurement. Nothing the measured path does goes
/// through a queue (a message in a claimed chat is pushed directly). For the same reason the benchmark takes its chats
/// off the shared index of open chats once claimed (see <see cref="ChatBenchmark"/>);</item>
/// <item>the SignalR emulator's one-line-per-push log quieted (it is a stand-in for the Azure service, not app code,
/// and would bury the progress lines); the app's own logging is unchanged, on stderr.</item>
/// </list>
/// The clock is the real one.
/// </summary>
public static class ChatHost
{
    public static readonly IReadOnlyList<string> Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    public const int MessagesPerMinute = 600;
    public const int StartsPerHour = 1000;

    public static WebApplication Build(string root)
    {
        var port = FreePort();
        var self = $"http://127.0.0.1:{port}";
        var (_, values) = LocalSettingsFile.Load(root);
        var pointingAtDefault = values
            .Where(v => v.Value?.Contains(LocalFunctionsHost.DefaultUrl, StringComparison.OrdinalIgnoreCase) == true)
            .Select(v => $"--{v.Key}={v.Value!.Replace(LocalFunctionsHost.DefaultUrl, self, StringComparison.OrdinalIgnoreCase)}");
        var signalRKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string[] args =
        [
            $"--LocalHost:Urls={self}",
            .. pointingAtDefault,
            $"--{StorageAccount.Setting}=UseDevelopmentStorage=true",
            "--Storage:CreateIfMissing=true",
            $"--{SignalROptions.Setting}=Endpoint={self}/emulators/signalr;AccessKey={signalRKey};Version=1.0;",
            .. Days.Select(day => $"--Chat:OpeningHours:{day}=00:00-24:00"),
            $"--Chat:MessagesPerMinute={MessagesPerMinute}",
            $"--Chat:StartsPerHourPerAddress={StartsPerHour}",
        ];
        return LocalFunctionsHost.Build(args, builder =>
        {
            // stdout is for the report.
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddFilter("Steunpunt.LocalHost.Emulators", LogLevel.Warning);
            WithoutBackgroundTriggers(builder.Services);
        });
    }

    /// <summary>The queue listeners and timer schedulers are registered by factory; each is swapped for a service that does nothing.</summary>
    private static void WithoutBackgroundTriggers(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            // Keyed descriptors throw on ImplementationFactory: look only at plain IHostedService ones.
            var descriptor = services[i];
            if (descriptor.IsKeyedService || descriptor.ServiceType != typeof(IHostedService) || descriptor.ImplementationFactory is not { } factory) continue;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp =>
            {
                var service = (IHostedService)factory(sp);
                return service is QueueTriggerListener or TimerTriggerScheduler ? new Idle() : service;
            });
        }
    }

    private sealed class Idle : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
