using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Steunpunt.Common.Storage;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Azurite;
using Steunpunt.LocalHost.Settings;
using Steunpunt.SelfTests.Funnel;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.Bench.Http;

/// <summary>
/// <c>POST /api/selftests/{id}/responses</c> on loopback, through the local host and through the bare endpoint,
/// in one process against one Azurite. Measured rounds alternate between the targets, so a noisy moment on the
/// machine (or Azurite slowing down as its table grows) is shared rather than landing on one of them.
/// </summary>
public static class HttpBenchmark
{
    public const int Rounds = 2;
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<HttpFigures> RunAsync(BenchOptions options, TextWriter progress)
    {
        var root = RepositoryRoot.Find();
        await using var azurite = await AzuriteProcess.EnsureRunningAsync(root, dataFolder: null, Console.Out);
        using var storageCounter = new StorageRoundTripCounter();

        var app = LocalFunctionsHost.Build(["--LocalHost:Urls=http://127.0.0.1:0"], builder =>
            // The local host logs as it always does, only to stderr: stdout is for the report.
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        await app.StartAsync();
        try
        {
            var localHost = LoopbackAddress(LocalFunctionsHost.Addresses(app));
            var services = app.Services;
            // StorageInitializer ran during StartAsync but only logs a failure; a missing table would turn every request into a 500.
            await services.GetRequiredService<StorageAccount>().Tables.GetTableClient(StorageNames.Tables.SelfTestEvents).CreateIfNotExistsAsync();

            var catalog = services.GetRequiredService<QuestionnaireCatalog>();
            await using var bare = await BareEndpoint.StartAsync(catalog, services.GetRequiredService<SelfTestEventStore>(), services.GetRequiredService<TimeProvider>());
            var bodies = RequestBodies.Build(catalog);
            progress.WriteLine($"HTTP: local host on {localHost}, bare endpoint on {bare.BaseAddress}; {bodies.Count} request bodies, {options.Concurrency} workers.");

            using var handler = new SocketsHttpHandler
            {
                UseProxy = false,
                UseCookies = false,
                AllowAutoRedirect = false,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            };
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            var load = new LoadGenerator(client, bodies, options.Concurrency, storageCounter);
            var targets = new[] { (Name: HttpFigures.Bare, Address: bare.BaseAddress), (Name: HttpFigures.LocalHost, Address: localHost) };

            var warmUps = new List<PhaseResult>();
            foreach (var (name, address) in targets)
            {
                progress.WriteLine($"HTTP: warming up {name} ({WarmUp.TotalSeconds:0} s).");
                warmUps.Add(Report(progress, await load.RunAsync(name, address, WarmUp)));
            }

            var phase = TimeSpan.FromSeconds((double)options.Seconds / Rounds);
            var measured = new List<PhaseResult>();
            for (var round = 1; round <= Rounds; round++)
            {
                foreach (var (name, address) in targets)
                {
                    progress.WriteLine($"HTTP: round {round}/{Rounds}, {name} ({phase.TotalSeconds:0.#} s).");
                    measured.Add(Report(progress, await load.RunAsync(name, address, phase)));
                }
            }
            return new HttpFigures(options.Concurrency, WarmUp, TimeSpan.FromSeconds(options.Seconds), bodies.Count, warmUps, measured);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The benchmark only ever talks to this machine.</summary>
    private static Uri LoopbackAddress(IReadOnlyList<string> addresses)
    {
        var address = addresses.Select(a => new Uri(a)).FirstOrDefault(u => u.IsLoopback);
        return address ?? throw new InvalidOperationException($"The local host does not listen on loopback ({string.Join(", ", addresses)}).");
    }

    private static PhaseResult Report(TextWriter progress, PhaseResult result)
    {
        progress.WriteLine($"HTTP:   {result.Requests:N0} requests, {result.PerSecond:N0}/s, p50 {Stats.PercentileMs(result.SortedLatencyTicks, 0.5):0.00} ms, " +
            $"{result.Errors} errors, {result.StorageRoundTrips:N0} storage round trips.");
        foreach (var (kind, sample) in result.ErrorSamples) progress.WriteLine($"HTTP:   error {kind}: {sample}");
        return result;
    }
}
