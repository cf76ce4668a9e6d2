using Steunpunt.LocalHost.Settings;

namespace Steunpunt.Bench.Reminders;

/// <summary>
/// The reminder sweep (issue 7 §7): the time <c>ReminderSweep.SweepAsync</c> takes with <see cref="SmallFuture"/> versus
/// <c>--future</c> stored future appointments, with the same <c>--due</c> reminders due in both. Each configuration has an
/// Azurite of its own (dedicated, in memory, on free ports: a million rows in the shared one would slow every other user);
/// the sweep is the app's own, from its composition root, at a fixed fake "now". After one warm-up sweep each, the
/// configurations take turns for <c>--rounds</c> rounds (the one that goes first swaps every round), each sweep after the
/// state was put back; then one sweep each as after a long outage (no usable watermark: every hour back to the longest lead).
/// Every sweep must queue each due reminder exactly once and nothing else.
/// </summary>
public static class ReminderBenchmark
{
    public const int SmallFuture = 1_000;

    /// <summary>
    /// Node's heap limit for the large configuration's Azurite (its default is about 2 GB): with a million future appointments
    /// (two million rows) it held 2.8 GB resident.
    /// </summary>
    public const int LargeHeapMegabytes = 8_192;

    public static async Task<ReminderFigures> RunAsync(BenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var loadBefore = LoadAverage.Read();
        progress.WriteLine($"Reminders: {options.Due:N0} due; small {SmallFuture:N0} and large {options.Future:N0} future appointments; {options.Rounds} rounds; now {SweepScenario.Now:yyyy-MM-dd HH:mm} UTC, " +
            $"previous sweep's watermark {SweepScenario.SteadyWatermark:HH:mm} UTC.");
        using var calls = new StorageCalls();
        await using var small = await SweepTarget.StartAsync("small", options.Due, SmallFuture, nodeHeapMegabytes: null, root, progress, cancellationToken);
        await using var large = await SweepTarget.StartAsync("large", options.Due, options.Future, LargeHeapMegabytes, root, progress, cancellationToken);

        var smallSeeding = await small.SeedAsync(progress, cancellationToken);
        var smallMemory = small.Memory;
        var largeSeeding = await large.SeedAsync(progress, cancellationToken);
        var largeMemory = large.Memory;
        progress.WriteLine($"Reminders: Azurite resident memory after seeding: small {Mb(smallMemory)}, large {Mb(largeMemory)}.");

        var rounds = new Dictionary<SweepTarget, List<SweepRound>> { [small] = [], [large] = [] };
        var warmUps = new Dictionary<SweepTarget, List<SweepRound>> { [small] = [], [large] = [] };
        foreach (var target in new[] { small, large })
        {
            warmUps[target].Add(await RoundAsync(target, "warm-up", SweepScenario.SteadyWatermark, calls, progress, cancellationToken));
        }
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var target in round % 2 == 1 ? new[] { small, large } : [large, small])
            {
                rounds[target].Add(await RoundAsync(target, $"round {round}", SweepScenario.SteadyWatermark, calls, progress, cancellationToken));
            }
        }
        var outage = new Dictionary<SweepTarget, SweepRound>();
        foreach (var target in new[] { small, large })
        {
            outage[target] = await RoundAsync(target, "after an outage", SweepScenario.OutageWatermark, calls, progress, cancellationToken);
        }

        TargetFigures Figures(SweepTarget target, IReadOnlyList<SeedStep> seeding, ProcessMemory.Resident? afterSeeding) => new(
            target.Name, target.Appointments.FutureCount, target.Appointments.Due.Count, target.NodeHeapMegabytes, seeding, afterSeeding,
            warmUps[target], rounds[target], outage[target], target.Memory);
        var figures = new ReminderFigures(options.Rounds, SweepScenario.Now, SweepScenario.SteadyWatermark,
            Figures(small, smallSeeding, smallMemory), Figures(large, largeSeeding, largeMemory), loadBefore, LoadAverage.Read());
        progress.WriteLine($"Reminders: sweep p50 small {figures.Small.MedianMs:N1} ms, large {figures.Large.MedianMs:N1} ms, ratio {figures.Ratio:N2} (target ≤ {ReminderFigures.TargetRatio}); " +
            $"{figures.Errors} error(s).");
        return figures;
    }

    private static async Task<SweepRound> RoundAsync(SweepTarget target, string phase, DateTimeOffset watermark, StorageCalls calls, TextWriter progress, CancellationToken cancellationToken)
    {
        var round = await target.RunAsync(phase, watermark, calls, cancellationToken);
        var check = round.Check;
        progress.WriteLine($"Reminders: {phase}, {target.Name}: {round.Milliseconds:N1} ms, {round.Requests:N0} storage requests " +
            $"({string.Join(", ", round.Calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value.Count:N0} in {c.Value.TotalMs:N0} ms"))}), Azurite CPU {round.AzuriteCpuMs:N0} ms; " +
            $"queued {check.Queued:N0}, {check.Messages:N0} messages (missing {check.Missing}, duplicates {check.Duplicates}, unexpected {check.Unexpected}); load average {round.LoadAverage}.");
        return round;
    }

    private static string Mb(ProcessMemory.Resident? memory) => memory is { } m ? $"{m.CurrentMb:N0} MB (peak {m.PeakMb:N0} MB)" : "unknown";
}
