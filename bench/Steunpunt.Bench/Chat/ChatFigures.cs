namespace Steunpunt.Bench.Chat;

/// <summary>One target's measured phases under one load, taken together.</summary>
public sealed record ChatTargetSummary(
    string Target, string Load, TimeSpan Window, long InWindow, long Sent, long Arrived, double P50Ms, double P99Ms, double AnswerP50Ms,
    long Errors, IReadOnlyDictionary<string, CallTally> Calls, TimeSpan ProcessCpu, TimeSpan? AzuriteCpu, long AllocatedBytes)
{
    public double PerSecond => InWindow / Window.TotalSeconds;
    public double CpuMsPerMessage => Sent == 0 ? double.NaN : ProcessCpu.TotalMilliseconds / Sent;
    public double? AzuriteCpuMsPerMessage => AzuriteCpu is { } cpu && Sent > 0 ? cpu.TotalMilliseconds / Sent : null;
    public double KilobytesPerMessage => Sent == 0 ? double.NaN : AllocatedBytes / 1024.0 / Sent;

    /// <summary>Calls whose key starts with <paramref name="prefix"/>, summed (e.g. every storage request).</summary>
    public CallTally Sum(string prefix) => Calls.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Aggregate(default(CallTally), (a, c) => a + c.Value);

    public CallTally Of(string key) => Calls.GetValueOrDefault(key);

    public double PerMessage(CallTally tally) => Sent == 0 ? double.NaN : (double)tally.Count / Sent;

    public static ChatTargetSummary Of(string target, string load, IEnumerable<ChatPhaseResult> phases)
    {
        var mine = phases.Where(p => p.Target == target && p.Load == load).ToList();
        var latencies = mine.SelectMany(p => p.SortedLatencyTicks).ToArray();
        var answers = mine.SelectMany(p => p.SortedAnswerTicks).ToArray();
        Array.Sort(latencies);
        Array.Sort(answers);
        var calls = new Dictionary<string, CallTally>(StringComparer.Ordinal);
        foreach (var (key, tally) in mine.SelectMany(p => p.Calls)) calls[key] = calls.GetValueOrDefault(key) + tally;
        TimeSpan? azurite = mine.All(p => p.AzuriteCpu is not null) && mine.Count > 0 ? TimeSpan.FromTicks(mine.Sum(p => p.AzuriteCpu!.Value.Ticks)) : null;
        return new ChatTargetSummary(target, load, TimeSpan.FromTicks(mine.Sum(p => p.Window.Ticks)), mine.Sum(p => p.InWindow), answers.Length, latencies.Length,
            Stats.PercentileMs(latencies, 0.50), Stats.PercentileMs(latencies, 0.99), Stats.PercentileMs(answers, 0.50), mine.Sum(p => p.Errors), calls,
            TimeSpan.FromTicks(mine.Sum(p => p.ProcessCpu.Ticks)), azurite, mine.Sum(p => p.AllocatedBytes));
    }
}

/// <param name="Staff">Staff members, each with one SignalR connection.</param>
/// <param name="OpenChatsBefore">Open chats in the (possibly shared) Azurite's index before the run, for context.</param>
public sealed record ChatFigures(
    int Sessions, int Staff, int ChatsPerStaff, TimeSpan MeanThink, TimeSpan SetupTime, int OpenChatsBefore, int WaitingChatsBefore,
    TimeSpan WarmUpPerTarget, TimeSpan MeasuredPerTarget, int Rounds, IReadOnlyList<ChatPhaseResult> WarmUps, IReadOnlyList<ChatPhaseResult> Measured,
    IReadOnlyList<StepCost> Steps)
{
    /// <summary>Chats that could not be deleted afterwards; known only once the benchmark has cleaned up, before the report.</summary>
    public Func<long> CleanupFailures { get; init; } = () => 0;

    /// <summary>Azurite's CPU use with this benchmark idle, as a share of one core (see <see cref="StepCosts.AzuriteIdleAsync"/>).</summary>
    public double? AzuriteIdle { get; init; }

    public const string Saturated = "saturated";
    public const string Paced = "paced";
    public const double TargetP99Ms = 50;
    public const double TargetRatio = 0.50;

    public ChatTargetSummary ChatSaturated => ChatTargetSummary.Of(ChatLoad.Chat, Saturated, Measured);
    public ChatTargetSummary FloorSaturated => ChatTargetSummary.Of(ChatLoad.Floor, Saturated, Measured);
    public ChatTargetSummary ChatPaced => ChatTargetSummary.Of(ChatLoad.Chat, Paced, Measured);
    public ChatTargetSummary FloorPaced => ChatTargetSummary.Of(ChatLoad.Floor, Paced, Measured);

    /// <summary>Chat messages/s ÷ floor messages/s, both in the saturated closed loop.</summary>
    public double Ratio => ChatSaturated.PerSecond / FloorSaturated.PerSecond;

    /// <summary>Warm-up messages and the timed steps count too: a failure is a failure whenever it happens.</summary>
    public long Errors => WarmUps.Concat(Measured).Sum(p => p.Errors) + Steps.Sum(s => s.Failures);
}
