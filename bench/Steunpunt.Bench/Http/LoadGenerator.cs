using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Steunpunt.Bench.Http;

/// <summary>What one phase against one target measured.</summary>
/// <param name="ErrorKinds">Count per kind of failure ("HTTP 400", an exception type).</param>
/// <param name="ErrorSamples">Per kind, the start of the first failing answer's body, to see why without a debugger.</param>
public sealed record PhaseResult(
    string Target,
    TimeSpan Elapsed,
    long[] SortedLatencyTicks,
    IReadOnlyDictionary<string, long> ErrorKinds,
    IReadOnlyDictionary<string, string> ErrorSamples,
    long StorageRoundTrips)
{
    public long Requests => SortedLatencyTicks.Length;
    public double PerSecond => Requests / Elapsed.TotalSeconds;
    public long Errors => ErrorKinds.Values.Sum();
}

/// <summary>
/// A closed loop: a fixed number of workers, each sending its next request as soon as the previous one is answered,
/// until the phase's time is up (or its request cap is reached). Every response is read to the end, so
/// connections are reused as a browser's would be.
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
        var storageBefore = storage.Count;
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
                latencies.Add(Stopwatch.GetTimestamp() - start);
                if (error is not null)
                {
                    errorKinds.AddOrUpdate(error, 1, (_, c) => c + 1);
                    errorSamples.TryAdd(error, sample);
                }
            }
            return latencies;
        }

        var perWorker = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => Worker(w))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var storageRoundTrips = storage.Count - storageBefore;

        var all = perWorker.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new PhaseResult(target, elapsed, all, errorKinds.ToDictionary(), errorSamples.ToDictionary(), storageRoundTrips);
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
