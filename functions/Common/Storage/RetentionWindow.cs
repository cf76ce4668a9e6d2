namespace Steunpunt.Common.Storage;

/// <summary>
/// What one purge run reads of a table partitioned by UTC day: rows older than <see cref="Cutoff"/> (now less the
/// retention period), in the days from <see cref="FirstDay"/> (the day after the previous run's watermark) to
/// <see cref="CutoffDay"/>. The cutoff's own day is only partly due, so a run that handled everything up to the cutoff
/// stores <see cref="DoneThrough"/>, the day before, and the next run reads the cutoff's day again.
/// </summary>
public sealed record RetentionWindow(DateOnly FirstDay, DateTimeOffset Cutoff)
{
    /// <summary>How far back a first run (no watermark yet) looks: no row is older than the app.</summary>
    public const int FirstRunLookbackDays = 3 * 366;

    public DateOnly CutoffDay => DateOnly.FromDateTime(Cutoff.UtcDateTime);

    /// <summary>The watermark for a run that left nothing due behind.</summary>
    public DateOnly DoneThrough => CutoffDay.AddDays(-1);

    /// <param name="done">The last day the previous run finished (its watermark), or null before the first run.</param>
    public static RetentionWindow From(DateOnly? done, DateTimeOffset now, int retentionDays)
    {
        var cutoff = now.AddDays(-retentionDays);
        var cutoffDay = DateOnly.FromDateTime(cutoff.UtcDateTime);
        return new RetentionWindow(done?.AddDays(1) ?? cutoffDay.AddDays(-FirstRunLookbackDays), cutoff);
    }
}
