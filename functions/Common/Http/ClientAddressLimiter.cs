using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Steunpunt.Common.Http;

/// <summary>
/// A limit per client address over a sliding window. The address is reduced to a keyed hash with a key that lives
/// only in this process, and kept in memory only: never stored or logged. Limits hold per instance; with several
/// instances a determined sender gets a multiple.
/// </summary>
public sealed class ClientAddressLimiter(int permits, TimeSpan window) : IDisposable
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

    /// <summary>
    /// The client's address as the platform's front end reports it (the last <c>X-Forwarded-For</c> entry, which the
    /// front end appends; earlier entries can be forged by the client), else the connection's, as a keyed hash.
    /// </summary>
    private string Key(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        var address = forwarded.Length > 0
            ? forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
            : request.HttpContext.Connection.RemoteIpAddress?.ToString();
        // Strip a port ("1.2.3.4:5678"), which the front end may add, so one client is one key.
        if (address is not null && IPEndPoint.TryParse(address, out var endpoint)) address = endpoint.Address.ToString();
        return Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(address ?? "unknown")));
    }

    public void Dispose() => limiter.Dispose();
}
