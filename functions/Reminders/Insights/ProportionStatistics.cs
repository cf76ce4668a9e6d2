namespace Steunpunt.Reminders.Insights;

public sealed record ConfidenceInterval(double Low, double High);

public sealed record TwoProportionTest(double Z, double PValue);

/// <summary>Wilson score interval and the pooled two-proportion z-test.</summary>
public static class ProportionStatistics
{
    public const double Z95 = 1.959963984540054;

    public static ConfidenceInterval? Wilson(int successes, int n, double z = Z95)
    {
        if (n <= 0) return null;
        var p = (double)successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        // At 0 or n the bound is exactly 0 or 1; computed, it comes out a rounding error away (5.6e-17), outside the rate.
        var low = successes == 0 ? 0 : Math.Max(0, centre - half);
        var high = successes == n ? 1 : Math.Min(1, centre + half);
        return new ConfidenceInterval(low, high);
    }

    /// <summary>H0: both proportions are equal; z = (p1 − p2) / SE with the pooled proportion; two-sided p-value. Null when undefined.</summary>
    public static TwoProportionTest? ZTest(int x1, int n1, int x2, int n2)
    {
        if (n1 <= 0 || n2 <= 0) return null;
        var pooled = (double)(x1 + x2) / (n1 + n2);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) return null;
        var z = ((double)x1 / n1 - (double)x2 / n2) / se;
        // The fit's error can put erfc(0) a hair above 1; a p-value is never more than 1.
        return new TwoProportionTest(z, Math.Min(1, Erfc(Math.Abs(z) / Math.Sqrt(2))));
    }

    /// <summary>Complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).</summary>
    public static double Erfc(double x)
    {
        var t = 1.0 / (1.0 + 0.5 * Math.Abs(x));
        var answer = t * Math.Exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? answer : 2.0 - answer;
    }
}
