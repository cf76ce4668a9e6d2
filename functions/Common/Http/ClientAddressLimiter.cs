using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Steunpunt.Common.Http;

/// <summary>
/// A limit per client address over a sliding window. The address is reduced to a keyed hash with a key that lives
/// only in this process, and kept in memory only: never stored or logged. Limits hold per instance; with several
/// instances a determined sender gets a multiple. Which address is the client's is <see cref="ClientAddressRule"/>'s to say.
/// </summary>
public sealed class ClientAddressLimiter(ClientAddressRule addresses, int permits, TimeSpan window) : IDisposable
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(partition =>
        RateLimitPartition.GetSlidingWindowLimiter(partition, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, SegmentsPerWindow = 6, QueueLimit = 0,
        }));

    /// <returns>Null when allowed; otherwise how long to wait.</returns>
    public TimeSpan? TryAcquire(HttpRequest request)
    {
        using var lease = limiter.AttemptAcquire(Key(request));
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window / 6;
    }

    private string Key(HttpRequest request)
        => Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(addresses.ClientOf(request)?.ToString() ?? "unknown")));

    public void Dispose() => limiter.Dispose();
}
