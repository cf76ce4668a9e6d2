namespace Steunpunt.Common.RateLimits;

/// <summary>
/// The window logic, without storage: windows are aligned to the Unix epoch (a day window is a UTC day, an hour
/// window a clock hour), so every instance computes the same window and the same counter row for a moment.
/// A fixed window lets a client spend a window's permits just before its end and again just after (twice the limit
/// in a short time at most); the price of one counter per key instead of two.
/// </summary>
public readonly record struct FixedWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public static FixedWindow Of(DateTimeOffset now, TimeSpan length)
    {
        if (length <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(length), "A window has a length.");
        var sinceEpoch = now.UtcDateTime - DateTime.UnixEpoch;
        var start = DateTime.UnixEpoch + TimeSpan.FromTicks(sinceEpoch.Ticks / length.Ticks * length.Ticks);
        return new FixedWindow(new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(start + length, TimeSpan.Zero));
    }

    /// <summary>The outcome for one more act when <paramref name="used"/> permits of this window are spent.</summary>
    public RateLimitOutcome Decide(int used, int permits, DateTimeOffset now)
        => used < permits ? RateLimitOutcome.Allow : RateLimitOutcome.Refuse(RetryAfterAt(now));

    /// <summary>Whole seconds until the window ends (what <c>Retry-After</c> carries), at least one.</summary>
    public TimeSpan RetryAfterAt(DateTimeOffset now) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((End - now).TotalSeconds)));
}
