namespace Steunpunt.Bench.Http;

/// <summary>One target's phases taken together.</summary>
public sealed record TargetSummary(string Target, long Requests, TimeSpan Elapsed, double P50Ms, double P99Ms, long Errors, long StorageRoundTrips)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;
    public double StorageRoundTripsPerRequest => Requests == 0 ? double.NaN : (double)StorageRoundTrips / Requests;

    public static TargetSummary Of(string target, IEnumerable<PhaseResult> phases)
    {
        var mine = phases.Where(p => p.Target == target).ToList();
        var latencies = mine.SelectMany(p => p.SortedLatencyTicks).ToArray();
        Array.Sort(latencies);
        return new TargetSummary(target, latencies.Length, TimeSpan.FromTicks(mine.Sum(p => p.Elapsed.Ticks)),
            Stats.PercentileMs(latencies, 0.50), Stats.PercentileMs(latencies, 0.99), mine.Sum(p => p.Errors), mine.Sum(p => p.StorageRoundTrips));
    }
}

public sealed record HttpFigures(int Concurrency, TimeSpan WarmUpPerTarget, TimeSpan MeasuredPerTarget, int Bodies, IReadOnlyList<PhaseResult> WarmUps, IReadOnlyList<PhaseResult> Measured)
{
    public const string Bare = "bare endpoint";
    public const string LocalHost = "local host";
    public const double TargetRatio = 0.60;

    public TargetSummary BareSummary => TargetSummary.Of(Bare, Measured);
    public TargetSummary LocalHostSummary => TargetSummary.Of(LocalHost, Measured);
    public double Ratio => LocalHostSummary.PerSecond / BareSummary.PerSecond;

    /// <summary>Warm-up requests count too: a failure is a failure whenever it happens.</summary>
    public long Errors => WarmUps.Concat(Measured).Sum(p => p.Errors);
}
