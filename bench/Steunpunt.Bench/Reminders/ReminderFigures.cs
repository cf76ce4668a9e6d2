using Steunpunt.Bench.Chat;

namespace Steunpunt.Bench.Reminders;

/// <summary>What the queue held after a sweep, against the due reminders: each must be there exactly once, and nothing else.</summary>
public sealed record SweepCheck(int Queued, int Messages, int Missing, int Duplicates, int Unexpected, int Expected)
{
    /// <summary>Wrong messages plus a return value that disagrees with the due count.</summary>
    public int Errors => Missing + Duplicates + Unexpected + (Queued == Expected ? 0 : 1);
}

/// <summary>One sweep: its time, the storage requests it made by kind, the CPU it cost Azurite and this process.</summary>
public sealed record SweepRound(
    string Phase,
    string LoadAverage,
    double Milliseconds,
    IReadOnlyDictionary<string, CallTally> Calls,
    double? AzuriteCpuMs,
    double ProcessCpuMs,
    SweepCheck Check)
{
    public long Requests => Calls.Values.Sum(c => c.Count);

    /// <summary>Client-side milliseconds of the calls whose kind starts with <paramref name="operation"/> (e.g. "query ").</summary>
    public double MsOf(string operation) => Calls.Where(c => c.Key.StartsWith(operation, StringComparison.Ordinal)).Sum(c => c.Value.TotalMs);
}

/// <summary>One configuration: its own Azurite, what was seeded, and its sweeps.</summary>
public sealed record TargetFigures(
    string Name,
    int Future,
    int Due,
    int? NodeHeapMegabytes,
    IReadOnlyList<SeedStep> Seeding,
    ProcessMemory.Resident? MemoryAfterSeeding,
    IReadOnlyList<SweepRound> WarmUps,
    IReadOnlyList<SweepRound> Rounds,
    SweepRound? Outage,
    ProcessMemory.Resident? MemoryAtEnd)
{
    public double MedianMs => Stats.Median(Rounds.Select(r => r.Milliseconds).ToList());
    public double MinMs => Rounds.Count == 0 ? double.NaN : Rounds.Min(r => r.Milliseconds);
    public double MaxMs => Rounds.Count == 0 ? double.NaN : Rounds.Max(r => r.Milliseconds);
    public double SeedingSeconds => Seeding.Sum(s => s.Seconds);
    public long SeededRows => Seeding.Sum(s => s.Rows);
    public int Errors => WarmUps.Concat(Rounds).Append(Outage).Sum(r => r?.Check.Errors ?? 0);

    /// <summary>Per kind: calls per sweep and mean ms per call over the measured rounds.</summary>
    public IReadOnlyDictionary<string, (double PerSweep, double MeanMs, double MsPerSweep)> CallsPerSweep()
    {
        var total = new Dictionary<string, CallTally>(StringComparer.Ordinal);
        foreach (var (kind, tally) in Rounds.SelectMany(r => r.Calls)) total[kind] = total.GetValueOrDefault(kind) + tally;
        return total.ToDictionary(t => t.Key, t => ((double)t.Value.Count / Rounds.Count, t.Value.MeanMs, t.Value.TotalMs / Rounds.Count), StringComparer.Ordinal);
    }
}

public sealed record ReminderFigures(int Rounds, DateTimeOffset Now, DateTimeOffset SteadyWatermark, TargetFigures Small, TargetFigures Large, string LoadBefore, string LoadAfter)
{
    public const double TargetRatio = 1.5;

    /// <summary>Median sweep time with the large number of stored future appointments ÷ the median with the small number.</summary>
    public double Ratio => Large.MedianMs / Small.MedianMs;

    public int Errors => Small.Errors + Large.Errors;
}
