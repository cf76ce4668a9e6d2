using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.SignalR;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Settings;
using Steunpunt.LocalHost.Triggers;

namespace Steunpunt.Bench;

/// <summary>What the benchmarks' own local hosts share: a free port, the settings that go with it, and no background triggers.</summary>
public static class BenchHost
{
    /// <summary>
    /// Arguments for a local host on a free loopback port: every setting that points at the default http://localhost:7071
    /// (the emulators' endpoints) points at this port, as the integration tests' fixture does; storage is pinned to Azurite
    /// and SignalR to this host's emulator with a key made for the run, so a local.settings.json naming real Azure
    /// resources is never used.
    /// </summary>
    public static List<string> Arguments(string root)
    {
        var self = $"http://127.0.0.1:{FreePort()}";
        var (_, values) = LocalSettingsFile.Load(root);
        var signalRKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return
        [
            $"--LocalHost:Urls={self}",
            .. values
                .Where(v => v.Value?.Contains(LocalFunctionsHost.DefaultUrl, StringComparison.OrdinalIgnoreCase) == true)
                .Select(v => $"--{v.Key}={v.Value!.Replace(LocalFunctionsHost.DefaultUrl, self, StringComparison.OrdinalIgnoreCase)}"),
            $"--{StorageAccount.Setting}=UseDevelopmentStorage=true",
            "--Storage:CreateIfMissing=true",
            $"--{SignalROptions.Setting}=Endpoint={self}/emulators/signalr;AccessKey={signalRKey};Version=1.0;",
        ];
    }

    /// <summary>The queue listeners and timer schedulers are registered by factory; each is swapped for a service that does nothing.</summary>
    public static void WithoutBackgroundTriggers(IServiceCollection services)
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
