using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime;

namespace Steunpunt.Bench.Http;

/// <summary>What one phase against one target measured.</summary>
/// <param name="Window">The measured time: from the start of the phase to its deadline.</param>
/// <param name="InWindow">Requests answered within the window: the throughput counts these.</param>
/// <param name="SortedLatencyTicks">Every request sent in the window, including the few answered after it.</param>
/// <param name="ErrorKinds">Count per kind of failure ("HTTP 400", an exception type).</param>
/// <param name="ErrorSamples">Per kind, the start of the first failing answer's body, to see why without a debugger.</param>
/// <param name="StorageRoundTrips">Requests to Azurite from the start of the phase until its last request was answered.</param>
/// <param name="ProcessCpu">CPU time this whole process used over the same span: load client, both servers, storage SDK.</param>
/// <param name="AllocatedBytes">Heap this whole process allocated over the same span; unlike time, hardly moved by other load on the machine.</param>
/// <param name="JitCompilations">Methods the JIT compiled over the same span: many means the code was not warm yet.</param>
public sealed record PhaseResult(
    string Target,
    TimeSpan Window,
    long InWindow,
    long[] SortedLatencyTicks,
    IReadOnlyDictionary<string, long> ErrorKinds,
    IReadOnlyDictionary<string, string> ErrorSamples,
    long StorageRoundTrips,
    TimeSpan ProcessCpu,
    long AllocatedBytes,
    long JitCompilations)
{
    public long Sent => SortedLatencyTicks.Length;
    public double PerSecond => InWindow / Window.TotalSeconds;
    public long Errors => ErrorKinds.Values.Sum();
    public double StorageRoundTripsPerRequest => Sent == 0 ? double.NaN : (double)StorageRoundTrips / Sent;
    public double CpuMsPerRequest => Sent == 0 ? double.NaN : ProcessCpu.TotalMilliseconds / Sent;
    public double KilobytesPerRequest => Sent == 0 ? double.NaN : AllocatedBytes / 1024.0 / Sent;
}

/// <summary>
/// A closed loop: a fixed number of workers, each sending its next request as soon as the previous one is answered,
/// until the phase's deadline (or its request cap). Throughput counts the answers that arrive before the deadline,
/// over exactly the window, so the drain of the last requests does not dilute it and short phases stay comparable.
/// Every response is read to the end, so connections are reused.
/// </summary>
public sealed class LoadGenerator(HttpClient client, IReadOnlyList<RequestBody> bodies, int concurrency, StorageRoundTripCounter storage)
{
    /// <summary>A bound on the work one phase can do, far above what loopback reaches, so a run cannot grow without limit.</summary>
    public const long MaxRequestsPerPhase = 5_000_000;

    public async Task<PhaseResult> RunAsync(string target, Uri baseAddress, TimeSpan duration)
    {
        var uris = bodies.Select(b => new Uri(baseAddress, b.Path)).ToArray();
        var errorKinds = new ConcurrentDictionary<string, long>();
        var errorSamples = new ConcurrentDictionary<string, string>();
        long issued = 0;
        long inWindow = 0;
        var storageBefore = storage.Count;
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var jitBefore = JitInfo.GetCompiledMethodCount();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task<List<long>> Worker(int worker)
        {
            var latencies = new List<long>(capacity: 4096);
            for (var n = worker; ; n += concurrency)
            {
                if (Stopwatch.GetTimestamp() >= deadline || Interlocked.Increment(ref issued) > MaxRequestsPerPhase) break;
                var index = n % bodies.Count;
                var start = Stopwatch.GetTimestamp();
                var (error, sample) = await SendAsync(uris[index], bodies[index].Json);
                var end = Stopwatch.GetTimestamp();
                latencies.Add(end - start);
                if (end <= deadline) Interlocked.Increment(ref inWindow);
                if (error is not null)
                {
                    errorKinds.AddOrUpdate(error, 1, (_, c) => c + 1);
                    errorSamples.TryAdd(error, sample);
                }
            }
            return latencies;
        }

        var perWorker = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => Worker(w))));
        // Shorter than the duration only when the request cap ended the phase early.
        var window = TimeSpan.FromTicks(Math.Min(duration.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
        var storageRoundTrips = storage.Count - storageBefore;
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var jit = JitInfo.GetCompiledMethodCount() - jitBefore;

        var all = perWorker.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new PhaseResult(target, window, inWindow, all, errorKinds.ToDictionary(), errorSamples.ToDictionary(), storageRoundTrips, cpu, allocated, jit);
    }

    /// <returns>No error on a 2xx answer; else the kind of failure (status code or exception type) and a sample.</returns>
    private async Task<(string? Error, string Sample)> SendAsync(Uri uri, byte[] body)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            if (response.IsSuccessStatusCode) return (null, "");
            var text = await response.Content.ReadAsStringAsync();
            return ($"HTTP {(int)response.StatusCode}", text.Length <= 200 ? text : text[..200] + "…");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            return (exception.GetType().Name, exception.Message);
        }
    }
}
