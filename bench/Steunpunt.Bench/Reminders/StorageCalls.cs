using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Steunpunt.Bench.Chat;

namespace Steunpunt.Bench.Reminders;

/// <summary>
/// Storage requests this process sends, by port and kind, with the time each took as the client saw it. Read from the
/// runtime's own HTTP client activities (<c>System.Net.Http</c>), which carry the URL: the metric the other benchmarks
/// count does not, and a table query and a point read are both a GET there. No storage client needs wrapping, so the
/// sweep runs exactly as the app builds it. Kinds are "operation resource", e.g. <c>query ReminderSchedule</c>,
/// <c>point read Appointments</c>, <c>merge ReminderSchedule</c>, <c>send sms-reminders</c>.
/// </summary>
public sealed class StorageCalls : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentDictionary<(int Port, string Kind), Tally> tallies = new();

    private sealed class Tally
    {
        public long Count;
        public long TotalMicroseconds;
    }

    public StorageCalls()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Totals so far of the calls to these ports, by kind.</summary>
    public IReadOnlyDictionary<string, CallTally> Snapshot(IReadOnlyCollection<int> ports)
        => tallies.Where(t => ports.Contains(t.Key.Port))
            .GroupBy(t => t.Key.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CallTally(g.Sum(t => Interlocked.Read(ref t.Value.Count)), g.Sum(t => Interlocked.Read(ref t.Value.TotalMicroseconds)) / 1000.0), StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, CallTally> Difference(IReadOnlyDictionary<string, CallTally> after, IReadOnlyDictionary<string, CallTally> before)
        => after.Select(a => (a.Key, Value: a.Value - before.GetValueOrDefault(a.Key))).Where(a => a.Value.Count > 0).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    private void OnStopped(Activity activity)
    {
        if (activity.GetTagItem("url.full") is not string url || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return;
        var method = activity.GetTagItem("http.request.method") as string ?? "?";
        var tally = tallies.GetOrAdd((uri.Port, Kind(method, uri)), _ => new Tally());
        Interlocked.Increment(ref tally.Count);
        Interlocked.Add(ref tally.TotalMicroseconds, (long)activity.Duration.TotalMicroseconds);
    }

    /// <summary>
    /// The kind of a storage request from its method and path (<c>/{account}/{resource}[/...]</c>). Tables: a GET of
    /// <c>Table(PartitionKey=…,RowKey=…)</c> is a point read, of <c>Table()</c> a query; queues: <c>{queue}/messages</c>.
    /// </summary>
    public static string Kind(string method, Uri uri)
    {
        var segments = Uri.UnescapeDataString(uri.AbsolutePath).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2) return $"{method} {uri.AbsolutePath}";
        var resource = segments[1];
        var parenthesis = resource.IndexOf('(', StringComparison.Ordinal);
        var entity = parenthesis >= 0 && resource.Contains("PartitionKey=", StringComparison.Ordinal);
        var name = parenthesis >= 0 ? resource[..parenthesis] : resource;
        var messages = segments.Length >= 3 && segments[2] == "messages";
        var operation = (method, entity, messages, name) switch
        {
            (_, _, _, "$batch") => "batch",
            ("GET", true, _, _) => "point read",
            ("GET", false, true, _) => "receive",
            ("GET", false, false, _) => "query",
            ("PATCH" or "MERGE", _, _, _) => "merge",
            ("PUT", true, _, _) => "upsert/replace",
            ("POST", _, true, _) => "send",
            ("POST", _, _, _) => "insert",
            ("DELETE", _, true, _) => "delete messages",
            ("DELETE", _, _, _) => "delete",
            _ => method.ToLower(CultureInfo.InvariantCulture),
        };
        return name == "$batch" ? "batch" : $"{operation} {name}";
    }

    public void Dispose() => listener.Dispose();
}
