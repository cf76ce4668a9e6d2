namespace Steunpunt.Common.Insights;

/// <summary>The small sums every insights endpoint makes, so they round and treat "no data" the same way.</summary>
public static class Measures
{
    /// <summary><paramref name="part"/> of <paramref name="whole"/>, to four decimals; 0 when there is no whole.</summary>
    public static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    /// <summary>Nearest-rank percentile (<paramref name="p"/> from 0 to 1); null for no values.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double p, int decimals)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        return Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], decimals);
    }
}
