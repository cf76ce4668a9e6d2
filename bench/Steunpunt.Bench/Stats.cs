using System.Diagnostics;

namespace Steunpunt.Bench;

public static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Nearest-rank percentile of Stopwatch ticks, in milliseconds. <paramref name="sortedTicks"/> must be sorted.</summary>
    public static double PercentileMs(long[] sortedTicks, double fraction)
    {
        if (sortedTicks.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(fraction * sortedTicks.Length);
        return TicksToMs(sortedTicks[Math.Clamp(rank - 1, 0, sortedTicks.Length - 1)]);
    }

    public static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
