using System.Globalization;
using System.Text;
using Steunpunt.Bench.Http;
using Steunpunt.Bench.Scoring;

namespace Steunpunt.Bench.Reporting;

/// <summary>The run's figures as Markdown: targets with PASS/FAIL, then the detail behind them.</summary>
public static class MarkdownReport
{
    public static string Render(DateTimeOffset at, MachineInfo machine, BenchOptions options, ScoringFigures? scoring, HttpFigures? http)
    {
        // Invariant culture throughout: the report is read and diffed across machines. Only this (synchronous) call is affected.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return RenderInvariant(at, machine, options, scoring, http);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static string RenderInvariant(DateTimeOffset at, MachineInfo machine, BenchOptions options, ScoringFigures? scoring, HttpFigures? http)
    {
        var text = new StringBuilder();
        Line(text, "# Steunpunt benchmark");
        Line(text);
        Line(text, $"Run {at:yyyy-MM-dd HH:mm} UTC · {machine.ProcessorCount} logical processors · {machine.Os} ({machine.Architecture}) · " +
            $"{machine.Runtime} · {machine.Configuration} build, {machine.Gc} GC");
        Line(text);
        Line(text, $"Options: `--seconds {options.Seconds} --concurrency {options.Concurrency}`" +
            (options.RunScoring && options.RunHttp ? "" : $" `--only {(options.RunScoring ? "scoring" : "http")}`"));
        Line(text);

        Line(text, "| Target | Measured | Result |");
        Line(text, "|---|---|---|");
        if (scoring is not null)
        {
            Line(text, $"| Scoring ≥ {ScoringFigures.Target:N0} scorings/s (best round) | {scoring.Scoring.Best:N0}/s | {Verdict(scoring.Scoring.Best >= ScoringFigures.Target)} |");
        }
        if (http is not null)
        {
            Line(text, $"| Local host ≥ {HttpFigures.TargetRatio * 100:0}% of bare endpoint throughput | {http.Ratio * 100:0.0}% | {Verdict(http.Ratio >= HttpFigures.TargetRatio)} |");
            Line(text, $"| No failed requests | {http.Errors:N0} | {Verdict(http.Errors == 0)} |");
        }
        Line(text);

        if (scoring is not null) Scoring(text, scoring);
        if (http is not null) Http(text, http);
        return text.ToString();
    }

    private static void Scoring(StringBuilder text, ScoringFigures figures)
    {
        Line(text, "## Scoring (in process, one thread)");
        Line(text);
        Line(text, $"`SelfTestScorer.Score` on {figures.AnswerSets} pre-built answer sets ({string.Join(", ", figures.Questionnaires)}; " +
            $"positive and negative screens). {ScoringBenchmark.WarmUp.TotalSeconds:0} s warm-up, then {ScoringBenchmark.Rounds} rounds of " +
            $"{ScoringBenchmark.RoundLength.TotalSeconds:0} s, alternating with the floor.");
        Line(text);
        Line(text, "| Loop | Best /s | Median /s | ns per call (median) | Rounds /s |");
        Line(text, "|---|---:|---:|---:|---|");
        Row(text, "Score", figures.Scoring);
        Row(text, "Floor: answer look-ups only", figures.Floor);
        Line(text);
        Line(text, $"Scoring runs at {figures.Scoring.Median / figures.Floor.Median * 100:0}% of the floor's speed " +
            $"(the floor is {figures.Floor.Median / figures.Scoring.Median:0.0}× faster; medians). " +
            $"A scoring allocates {figures.BytesPerScore:0} bytes.");
        Line(text);
    }

    private static void Row(StringBuilder text, string name, ThroughputRounds rounds)
        => Line(text, $"| {name} | {rounds.Best:N0} | {rounds.Median:N0} | {1e9 / rounds.Median:0} | {string.Join(" · ", rounds.PerSecond.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} |");

    private static void Http(StringBuilder text, HttpFigures figures)
    {
        Line(text, "## POST /api/selftests/{id}/responses on loopback");
        Line(text);
        Line(text, $"{figures.Concurrency} concurrent workers on one HttpClient, {figures.Bodies} valid bodies (both tests, no contact request). " +
            $"{figures.WarmUpPerTarget.TotalSeconds:0} s warm-up per target (alternating, until the JIT was quiet), then {figures.MeasuredPerTarget.TotalSeconds:0} s measured per target in " +
            $"{figures.Rounds} alternating rounds (the target that goes first swaps every round). Requests/s counts answers received within each phase's window. " +
            "Storage round trips: requests this process sent to Azurite (ports 10000-10002) during the measured phases. " +
            "CPU ms and KB allocated / request: CPU time and heap allocation of the benchmark process (load client, both servers, storage SDK; " +
            "not Azurite) divided by requests sent, so the two rows differ by what the local host costs beyond the bare endpoint.");
        Line(text);
        Line(text, "| Target | Requests sent | Requests/s | p50 ms | p99 ms | Errors | Storage round trips / request | CPU ms / request | KB allocated / request |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var summary in new[] { figures.BareSummary, figures.LocalHostSummary })
        {
            Line(text, $"| {summary.Target} | {summary.Sent:N0} | {summary.PerSecond:N0} | {summary.P50Ms:0.00} | {summary.P99Ms:0.00} | " +
                $"{summary.Errors:N0} | {summary.StorageRoundTripsPerRequest:0.00} | {summary.CpuMsPerRequest:0.00} | {summary.KilobytesPerRequest:0.0} |");
        }
        Line(text);
        Line(text, $"Local host / bare endpoint throughput: **{figures.Ratio * 100:0.0}%**.");
        Line(text);
        Line(text, "Per round:");
        Line(text);
        Line(text, "| Phase | Target | Seconds | Requests/s | p50 ms | p99 ms | Errors | CPU ms / request | Methods JIT-compiled |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
        var phases = figures.WarmUps.Select((p, i) => ($"warm-up {i / 2 + 1}", p))
            .Concat(figures.Measured.Select((p, i) => ($"round {i / 2 + 1}", p)));
        foreach (var (phase, result) in phases)
        {
            Line(text, $"| {phase} | {result.Target} | {result.Window.TotalSeconds:0.0} | {result.PerSecond:N0} | " +
                $"{Stats.PercentileMs(result.SortedLatencyTicks, 0.50):0.00} | {Stats.PercentileMs(result.SortedLatencyTicks, 0.99):0.00} | {result.Errors:N0} | {result.CpuMsPerRequest:0.00} | {result.JitCompilations:N0} |");
        }
        Line(text);

        var failures = figures.WarmUps.Concat(figures.Measured).SelectMany(p => p.ErrorKinds.Select(k => (p.Target, k.Key, k.Value, Sample: p.ErrorSamples[k.Key]))).ToList();
        if (failures.Count > 0)
        {
            Line(text, "Failed requests:");
            Line(text);
            foreach (var (target, kind, count, sample) in failures) Line(text, $"- {target}: {count:N0} × {kind} — `{sample.ReplaceLineEndings(" ")}`");
            Line(text);
        }
    }

    private static string Verdict(bool pass) => pass ? "PASS" : "**FAIL**";

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
