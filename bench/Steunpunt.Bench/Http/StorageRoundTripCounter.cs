using System.Diagnostics.Metrics;
using System.Globalization;
using Steunpunt.LocalHost.Azurite;

namespace Steunpunt.Bench.Http;

/// <summary>
/// Counts HTTP requests this process sends to Azurite (ports 10000-10002), from the runtime's own
/// <c>http.client.request.duration</c> histogram: every request the Azure SDK completes, retries included,
/// records one measurement there, so no storage client needs wrapping.
/// </summary>
public sealed class StorageRoundTripCounter : IDisposable
{
    private const string MeterName = "System.Net.Http";
    private const string InstrumentName = "http.client.request.duration";

    private readonly MeterListener listener = new();
    private long count;

    public StorageRoundTripCounter()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == InstrumentName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>(OnMeasurement);
        listener.Start();
    }

    public long Count => Interlocked.Read(ref count);

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var (key, tagValue) in tags)
        {
            if (key != "server.port") continue;
            if (IsStoragePort(tagValue)) Interlocked.Increment(ref count);
            return;
        }
    }

    private static bool IsStoragePort(object? value)
    {
        var port = value switch
        {
            int i => i,
            long l => (int)l,
            string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => -1,
        };
        return AzuriteProcess.Ports.Contains(port);
    }

    public void Dispose() => listener.Dispose();
}
