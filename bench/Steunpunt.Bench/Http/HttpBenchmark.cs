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
/// machine is shared rather than landing on one of them; and which target goes first swaps every round (bare, local
/// host | local host, bare | ...), so a steady drift cancels out instead of always favouring the first. There is
/// one: Azurite's inserts get slower as the day's partition grows (it scans the partition for a duplicate key).
/// Everything runs on loopback, and storage is always Azurite.
/// </summary>
public static class HttpBenchmark
{
    /// <summary>Warm-up phases alternate between the targets like the measured rounds.</summary>
    public static readonly TimeSpan WarmUpPhase = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Warm-up goes on until a round (both targets) compiles fewer methods than this. A fixed warm-up is not enough
    /// on two busy cores: tiered compilation postpones its tier-1 work while new code keeps arriving, so after
    /// warming one target and then the other, the first measured round still paid for a thousand recompilations.
    /// </summary>
    public const int QuietJitCompilations = 200;
    public const int MinWarmUpRounds = 2;
    public const int MaxWarmUpRounds = 8;

    /// <summary>
    /// Phases of about two seconds: on a shared two-core machine, noise comes in bursts of seconds (a build, a test
    /// run), and short alternating phases spread a burst over both targets. At least two rounds, whatever --seconds says.
    /// </summary>
    public static int RoundsFor(int seconds) => Math.Max(2, seconds / 2);

    public static async Task<HttpFigures> RunAsync(BenchOptions options, TextWriter progress)
    {
        var root = RepositoryRoot.Find();
        await using var azurite = await AzuriteProcess.EnsureRunningAsync(root, dataFolder: null, Console.Out);
        using var storageCounter = new StorageRoundTripCounter();

        // The storage setting is pinned to the Azurite just checked: a developer's local.settings.json may point at a
        // real account, and a load test must never write there.
        // One client sends every response: the per-address limit is set out of reach, and its table read and write per
        // response are part of what the local host costs here.
        var app = LocalFunctionsHost.Build(["--LocalHost:Urls=http://127.0.0.1:0", $"--{StorageAccount.Setting}=UseDevelopmentStorage=true",
            "--SelfTests:ResponsesPerHourPerAddress=1000000"], builder =>
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
            for (var round = 1; round <= MaxWarmUpRounds; round++)
            {
                long compiled = 0;
                foreach (var (name, address) in targets)
                {
                    progress.WriteLine($"HTTP: warm-up {round}, {name} ({WarmUpPhase.TotalSeconds:0} s).");
                    var result = Logged(progress, await load.RunAsync(name, address, WarmUpPhase));
                    warmUps.Add(result);
                    compiled += result.JitCompilations;
                }
                if (round >= MinWarmUpRounds && compiled < QuietJitCompilations) break;
            }

            var rounds = RoundsFor(options.Seconds);
            var phase = TimeSpan.FromSeconds((double)options.Seconds / rounds);
            var measured = new List<PhaseResult>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var (name, address) in round % 2 == 1 ? targets : Enumerable.Reverse(targets))
                {
                    progress.WriteLine($"HTTP: round {round}/{rounds}, {name} ({phase.TotalSeconds:0.#} s).");
                    measured.Add(Logged(progress, await load.RunAsync(name, address, phase)));
                }
            }
            return new HttpFigures(options.Concurrency, TimeSpan.FromTicks(warmUps.Sum(p => p.Window.Ticks) / targets.Length), TimeSpan.FromSeconds(options.Seconds), rounds, bodies.Count, warmUps, measured);
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

    private static PhaseResult Logged(TextWriter progress, PhaseResult result)
    {
        progress.WriteLine($"HTTP:   {result.Sent:N0} requests, {result.PerSecond:N0}/s, p50 {Stats.PercentileMs(result.SortedLatencyTicks, 0.5):0.00} ms, " +
            $"{result.Errors} errors, {result.StorageRoundTripsPerRequest:0.00} storage round trips, {result.CpuMsPerRequest:0.00} CPU ms and {result.KilobytesPerRequest:0.0} KB allocated per request, {result.JitCompilations:N0} methods JIT-compiled.");
        foreach (var (kind, sample) in result.ErrorSamples) progress.WriteLine($"HTTP:   error {kind}: {sample}");
        return result;
    }
}
