namespace Steunpunt.Common.RateLimits;

/// <summary>
/// A limit: at most <paramref name="Permits"/> acts per key in each fixed window of <paramref name="Window"/>.
/// <paramref name="Name"/> keeps the counters of different limits apart; letters, digits and '-' only (it is part of a row key).
/// </summary>
public sealed record RateLimit(string Name, int Permits, TimeSpan Window)
{
    public static RateLimit PerMinute(string name, int permits) => new(name, permits, TimeSpan.FromMinutes(1));

    public static RateLimit PerHour(string name, int permits) => new(name, permits, TimeSpan.FromHours(1));

    public static RateLimit PerDay(string name, int permits) => new(name, permits, TimeSpan.FromDays(1));
}

/// <summary>What the limiter says: allowed, or refused until <see cref="RetryAfter"/> has passed.</summary>
public readonly record struct RateLimitOutcome(bool Allowed, TimeSpan RetryAfter)
{
    public static readonly RateLimitOutcome Allow = new(true, TimeSpan.Zero);

    public static RateLimitOutcome Refuse(TimeSpan retryAfter) => new(false, retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter);

    public bool Refused => !Allowed;
}
