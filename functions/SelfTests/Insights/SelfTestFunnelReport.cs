using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Steunpunt.SelfTests.Funnel;

namespace Steunpunt.SelfTests.Insights;

public sealed record FunnelCounts(int Viewed, int Started, int Completed, int ContactRequested)
{
    /// <summary>Share of viewers who started (the whitepaper: via Facebook 2/3 started, via the website 80%).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? StartRate => Rate(Started, Viewed);
    /// <summary>Share of starters who finished.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? CompletionRate => Rate(Completed, Started);
    /// <summary>Share of viewers who finished (the whitepaper: via Facebook 1/3, via the website 70%).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? CompletedOfViewed => Rate(Completed, Viewed);

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}

public sealed record SourceFunnel(string Source, FunnelCounts Counts);

public sealed record CompletedBreakdown(
    IReadOnlyDictionary<string, int> Gender,
    IReadOnlyDictionary<string, int> AgeBand,
    IReadOnlyDictionary<string, int> IsVictim);

public sealed record TestFunnel(
    string TestId,
    FunnelCounts Total,
    IReadOnlyList<SourceFunnel> BySource,
    CompletedBreakdown CompletedBy,
    IReadOnlyDictionary<string, int> Screen,
    IReadOnlyDictionary<string, int> Advice);

public sealed record SelfTestInsightsReport(DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<TestFunnel> Tests);

/// <summary>Adds funnel events up into the whitepaper's measures. Pure, so it is tested without storage.</summary>
public sealed class SelfTestFunnelReport
{
    private const string Unknown = "unknown";
    private readonly Dictionary<string, Accumulator> tests = new(StringComparer.Ordinal);

    public void Add(TableEntity entity)
    {
        var testId = entity.GetString("TestId") ?? Unknown;
        var accumulator = tests.TryGetValue(testId, out var found) ? found : tests[testId] = new Accumulator();
        var source = entity.GetString("Source") ?? Unknown;
        var counts = accumulator.BySource.TryGetValue(source, out var c) ? c : accumulator.BySource[source] = new int[4];
        switch (entity.GetString("Kind"))
        {
            case FunnelVocabulary.Viewed: counts[0]++; break;
            case FunnelVocabulary.Started: counts[1]++; break;
            case FunnelVocabulary.Completed:
                counts[2]++;
                if (entity.GetBoolean("ContactRequested") == true) counts[3]++;
                Increment(accumulator.Gender, entity.GetString("Gender") ?? Unknown);
                Increment(accumulator.AgeBand, entity.GetString("AgeBand") ?? Unknown);
                Increment(accumulator.IsVictim, entity.GetBoolean("IsVictim") switch { true => "yes", false => "no", null => Unknown });
                if (entity.GetBoolean("Positive") is { } positive) Increment(accumulator.Screen, positive ? "positive" : "negative");
                foreach (var advice in (entity.GetString("AdviceIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    Increment(accumulator.Advice, advice);
                }
                break;
        }
    }

    public SelfTestInsightsReport Build(DateOnly from, DateOnly to) => new(from, to, "UTC",
        tests.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value.Build(t.Key)).ToList());

    private static void Increment(SortedDictionary<string, int> counts, string key)
        => counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;

    private sealed class Accumulator
    {
        public readonly SortedDictionary<string, int[]> BySource = new(StringComparer.Ordinal);
        public readonly SortedDictionary<string, int> Gender = new(StringComparer.Ordinal);
        public readonly SortedDictionary<string, int> AgeBand = new(StringComparer.Ordinal);
        public readonly SortedDictionary<string, int> IsVictim = new(StringComparer.Ordinal);
        public readonly SortedDictionary<string, int> Screen = new(StringComparer.Ordinal);
        public readonly SortedDictionary<string, int> Advice = new(StringComparer.Ordinal);

        public TestFunnel Build(string testId)
        {
            var bySource = BySource.Select(s => new SourceFunnel(s.Key, new FunnelCounts(s.Value[0], s.Value[1], s.Value[2], s.Value[3]))).ToList();
            var total = new FunnelCounts(bySource.Sum(s => s.Counts.Viewed), bySource.Sum(s => s.Counts.Started),
                bySource.Sum(s => s.Counts.Completed), bySource.Sum(s => s.Counts.ContactRequested));
            return new TestFunnel(testId, total, bySource, new CompletedBreakdown(Gender, AgeBand, IsVictim), Screen, Advice);
        }
    }
}
