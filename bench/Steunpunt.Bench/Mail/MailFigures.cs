namespace Steunpunt.Bench.Mail;

/// <summary>One pass of <c>--forms</c> items through one target (mail path or floor).</summary>
public sealed record MailRun(
    string Target,
    string Phase,
    int Count,
    string LoadAverage,
    double SubmitSeconds,
    double EndToEndSeconds,
    long[] SortedSubmitTicks,
    long[] SortedEndToEndTicks,
    int FailedSubmits,
    string? ErrorSample,
    IReadOnlyList<string> MissingAddresses,
    int FloorMissing,
    TimeSpan Cpu,
    TimeSpan? AzuriteCpu)
{
    /// <summary>Of <see cref="MissingAddresses"/>, those whose case was stored anyway: another host on the shared Azurite took the message.</summary>
    public int Stolen { get; set; }

    /// <summary>Storage requests by service and method, and local host routes, during the phase (see <see cref="Chat.PathMetrics"/>).</summary>
    public IReadOnlyDictionary<string, Chat.CallTally> Calls { get; init; } = new Dictionary<string, Chat.CallTally>();

    /// <summary>Methods the JIT compiled during the phase (tier-up included): many means the phase still paid for warming up.</summary>
    public long MethodsJitCompiled { get; init; }

    /// <summary>Messages waiting on the target's queues, sampled twice a second during the phase.</summary>
    public double QueueDepthMean { get; init; } = double.NaN;
    public int QueueDepthMax { get; init; }

    public int Accepted => SortedSubmitTicks.Length;
    public int Completed => SortedEndToEndTicks.Length;
    public int Missing => MissingAddresses.Count + FloorMissing;

    /// <summary>202s (floor: enqueues) per second, first start → last answer.</summary>
    public double SubmitPerSecond => SubmitSeconds > 0 ? Accepted / SubmitSeconds : 0;

    /// <summary>Receipts (floor: rows) per second, first start → last completion.</summary>
    public double DonePerSecond => EndToEndSeconds > 0 ? Completed / EndToEndSeconds : 0;

    public double CpuMsPerItem => Completed == 0 ? double.NaN : Cpu.TotalMilliseconds / Completed;
    public double? AzuriteCpuMsPerItem => AzuriteCpu is { } a && Completed > 0 ? a.TotalMilliseconds / Completed : null;

    /// <summary>Failures of this benchmark's own making: non-2xx or exception on submit, and completions missing not because another host took them.</summary>
    public int Errors => FailedSubmits + Missing - Stolen;
}

public sealed record MailFigures(
    int Forms,
    int Concurrency,
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int IntakeQueueDepthBefore,
    IReadOnlyList<MailRun> WarmUps,
    MailRun Mail,
    MailRun Floor,
    int OtherMails,
    string OtherMailSample)
{
    public const double TargetRatio = 0.5;

    public Func<int> CleanupFailures { get; init; } = () => 0;

    /// <summary>Receipts/s end to end ÷ the floor's rows/s.</summary>
    public double Ratio => Floor.DonePerSecond > 0 ? Mail.DonePerSecond / Floor.DonePerSecond : 0;

    public int Errors => WarmUps.Concat([Mail, Floor]).Sum(r => r.Errors);
    public int Stolen => WarmUps.Concat([Mail, Floor]).Sum(r => r.Stolen);
}
