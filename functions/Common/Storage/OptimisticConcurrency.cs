namespace Steunpunt.Common.Storage;

/// <summary>
/// The retry count of every read-change-write on one row: when another writer changed the row in between (the ETag's
/// 412, an insert's 409), the caller reads again and tries again, at most this often, then answers its own way (a 409 or
/// 503, or a throw so the queue tries the message again later).
/// </summary>
public static class OptimisticConcurrency
{
    /// <summary>For a row a few people write at once (a visitor, a staff member, a timer).</summary>
    public const int Attempts = 8;

    /// <summary>For a row many write at once: a chat's message numbers (several tabs and the staff member typing).</summary>
    public const int ContendedAttempts = 12;

    /// <summary>
    /// How long to wait before attempt <paramref name="attempt"/> (0-based) of a contended write: nothing before the first
    /// two, then a random pause of up to 10 ms per attempt, so writers that keep colliding spread out.
    /// </summary>
    public static TimeSpan PauseBefore(int attempt, Random random)
        => attempt > 1 ? TimeSpan.FromMilliseconds(random.Next(1, 10 * attempt)) : TimeSpan.Zero;
}
