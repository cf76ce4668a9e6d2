namespace Steunpunt.Bench.Http;

/// <summary>One target's measured phases taken together.</summary>
public sealed record TargetSummary(string Target, TimeSpan Window, long InWindow, long Sent, double P50Ms, double P99Ms, long Errors, long StorageRoundTrips, TimeSpan ProcessCpu, long AllocatedBytes)
{
    public double PerSecond => InWindow / Window.TotalSeconds;
    public double StorageRoundTripsPerRequest => Sent == 0 ? double.NaN : (double)StorageRoundTrips / Sent;
    public double CpuMsPerRequest => Sent == 0 ? double.NaN : ProcessCpu.TotalMilliseconds / Sent;
    public double KilobytesPerRequest => Sent == 0 ? double.NaN : AllocatedBytes / 1024.0 / Sent;

    public static TargetSummary Of(string target, IEnumerable<PhaseResult> phases)
    {
        var mine = phases.Where(p => p.Target == target).ToList();
        var latencies = mine.SelectMany(p => p.SortedLatencyTicks).ToArray();
        Array.Sort(latencies);
        return new TargetSummary(target, TimeSpan.FromTicks(mine.Sum(p => p.Window.Ticks)), mine.Sum(p => p.InWindow), latencies.Length,
            Stats.PercentileMs(latencies, 0.50), Stats.PercentileMs(latencies, 0.99), mine.Sum(p => p.Errors), mine.Sum(p => p.StorageRoundTrips),
            TimeSpan.FromTicks(mine.Sum(p => p.ProcessCpu.Ticks)), mine.Sum(p => p.AllocatedBytes));
    }
}

public sealed record HttpFigures(int Concurrency, TimeSpan WarmUpPerTarget, TimeSpan MeasuredPerTarget, int Rounds, int Bodies, IReadOnlyList<PhaseResult> WarmUps, IReadOnlyList<PhaseResult> Measured)
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
