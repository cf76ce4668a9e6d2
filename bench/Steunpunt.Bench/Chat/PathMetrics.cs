using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Steunpunt.LocalHost.Azurite;

namespace Steunpunt.Bench.Chat;

/// <summary>Calls of one kind and the time they took, summed.</summary>
public readonly record struct CallTally(long Count, double TotalMs)
{
    public double MeanMs => Count == 0 ? double.NaN : TotalMs / Count;
    public static CallTally operator -(CallTally a, CallTally b) => new(a.Count - b.Count, a.TotalMs - b.TotalMs);
    public static CallTally operator +(CallTally a, CallTally b) => new(a.Count + b.Count, a.TotalMs + b.TotalMs);
}

/// <summary>
/// Where a message's time goes, from the runtime's own metrics, without wrapping any client:
/// <list type="bullet">
/// <item>requests this process sent to Azurite (ports 10000-10002), by HTTP method, with their duration as the
/// client saw it (Azurite's queueing included), from <c>http.client.request.duration</c>;</item>
/// <item>requests the local host served, by route (the message endpoint, the SignalR emulator's REST API), with
/// their duration on the server, from <c>http.server.request.duration</c>.</item>
/// </list>
/// Keys are <c>storage GET</c>, <c>storage POST</c>, … and <c>route /api/chats/{id}/messages</c>, …; with
/// <c>byService</c> the storage keys name the service instead (<c>table GET</c>, <c>queue DELETE</c>, …), since a queue
/// request and a table request with the same method cost Azurite very differently.
/// </summary>
public sealed class PathMetrics : IDisposable
{
    private const int QueuePort = 10001;
    private const int TablePort = 10002;
    private readonly bool byService;
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, Tally> tallies = new(StringComparer.Ordinal);

    private sealed class Tally
    {
        public long Count;
        public long TotalMicroseconds;
    }

    public PathMetrics(bool byService = false)
    {
        this.byService = byService;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if ((instrument.Meter.Name, instrument.Name) is ("System.Net.Http", "http.client.request.duration") or ("Microsoft.AspNetCore.Hosting", "http.server.request.duration"))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>(OnMeasurement);
        listener.Start();
    }

    public IReadOnlyDictionary<string, CallTally> Snapshot()
        => tallies.ToDictionary(t => t.Key, t => new CallTally(Interlocked.Read(ref t.Value.Count), Interlocked.Read(ref t.Value.TotalMicroseconds) / 1000.0), StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, CallTally> Difference(IReadOnlyDictionary<string, CallTally> after, IReadOnlyDictionary<string, CallTally> before)
        => after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key), StringComparer.Ordinal);

    private void OnMeasurement(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? key;
        if (instrument.Meter.Name == "System.Net.Http")
        {
            int? port = null;
            string? method = null;
            foreach (var (name, value) in tags)
            {
                if (name == "server.port") port = Port(value);
                else if (name == "http.request.method") method = value as string;
            }
            key = port is { } p && AzuriteProcess.Ports.Contains(p) ? Service(p) + " " + (method ?? "?") : null;
        }
        else
        {
            key = null;
            foreach (var (name, value) in tags)
            {
                if (name == "http.route" && value is string route) key = "route " + route;
            }
        }
        if (key is null) return;
        var tally = tallies.GetOrAdd(key, _ => new Tally());
        Interlocked.Increment(ref tally.Count);
        Interlocked.Add(ref tally.TotalMicroseconds, (long)(seconds * 1_000_000));
    }

    private string Service(int port) => !byService ? "storage" : port switch { QueuePort => "queue", TablePort => "table", _ => "blob" };

    private static int Port(object? value) => value switch
    {
        int i => i,
        long l => (int)l,
        string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => -1,
    };

    public void Dispose() => listener.Dispose();
}
