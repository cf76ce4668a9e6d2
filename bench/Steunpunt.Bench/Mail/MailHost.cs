using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.SignalR;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Discovery;
using Steunpunt.LocalHost.Settings;
using Steunpunt.LocalHost.Triggers;
using Steunpunt.MailIntake;
using Steunpunt.StaffNotifications;

namespace Steunpunt.Bench.Mail;

/// <summary>
/// The local host as <c>./steunpunt run</c> builds it, on a free loopback port, set up like the chat benchmark's
/// (<see cref="Chat.ChatHost"/>: settings pointing at localhost:7071 point at this host, storage pinned to Azurite,
/// SignalR to this host's emulator), with these differences:
/// <list type="bullet">
/// <item>the queue listeners of <see cref="ProcessMailIntake"/> and <see cref="PushStaffNotification"/> run (the first is
/// the path measured; the intake delivers its staff notifications itself, and the second takes any it had to queue off the
/// shared queue, as the app would, instead of leaving them for other engineers' hosts); every other listener and every
/// timer is off;</item>
/// <item><c>Emulators:CommunicationServices:RetryAfterSeconds=0</c>: the emulator otherwise answers every e-mail send
/// with <c>retry-after: 1</c>, and a send that waits for the outcome waits that long before polling the status (in Azure
/// the service sets it). The receipt does not wait for the outcome; the setting stays so runs compare with those in bench/README.md;</item>
/// <item><c>MailIntake:SubmissionsPerHourPerAddress=1000</c> (the highest allowed); every form also comes with its own
/// <c>X-Forwarded-For</c>, believed because <c>ClientAddress:KnownProxies</c> names loopback, so the per-address limit
/// is never what is measured.</item>
/// </list>
/// </summary>
public static class MailHost
{
    public static readonly string[] ListenedFunctions = [nameof(ProcessMailIntake), nameof(PushStaffNotification)];
    public const int RetryAfterSeconds = 0;

    public static WebApplication Build(string root)
    {
        string[] args =
        [
            .. BenchHost.Arguments(root),
            $"--Emulators:CommunicationServices:RetryAfterSeconds={RetryAfterSeconds}",
            "--MailIntake:SubmissionsPerHourPerAddress=1000",
            "--ClientAddress:KnownProxies:0=127.0.0.1",
        ];
        return LocalFunctionsHost.Build(args, builder =>
        {
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddFilter("Steunpunt.LocalHost.Emulators", LogLevel.Warning);
            // One information line per case, receipt and notification would bury the progress lines (and cost CPU on stderr).
            builder.Logging.AddFilter("Steunpunt", LogLevel.Warning);
            OnlyMailListeners(builder.Services);
        });
    }

    /// <summary>Every queue listener and timer swapped for nothing; then the mail path's listeners registered again.</summary>
    private static void OnlyMailListeners(IServiceCollection services)
    {
        BenchHost.WithoutBackgroundTriggers(services);
        services.AddSingleton<IHostedService>(sp => new KeptListeners(sp));
    }

    /// <summary>The kept listeners, built from the host's own function list exactly as the host builds them.</summary>
    private sealed class KeptListeners(IServiceProvider services) : IHostedService
    {
        private readonly List<QueueTriggerListener> running = [];

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var invoker in services.GetRequiredService<IReadOnlyList<FunctionInvoker>>().Where(f => ListenedFunctions.Contains(f.Function.Name)))
            {
                var listener = ActivatorUtilities.CreateInstance<QueueTriggerListener>(services, invoker);
                running.Add(listener);
                await listener.StartAsync(cancellationToken);
            }
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            foreach (var listener in running) await listener.StopAsync(cancellationToken);
            foreach (var listener in running) listener.Dispose();
        }
    }
}
