using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Steunpunt.Chat.Sessions;

/// <summary>
/// Limits per chat (messages a minute) and per client address (chats started an hour). The address is reduced to
/// a keyed hash with a key that lives only in this process, and kept in memory only: it is never stored or logged.
/// Limits hold per instance; with several instances a determined sender gets a multiple (documented).
/// </summary>
public sealed class ChatRateLimits : IDisposable
{
    private readonly byte[] addressKey = RandomNumberGenerator.GetBytes(32);
    private readonly PartitionedRateLimiter<string> messages;
    private readonly PartitionedRateLimiter<string> starts;

    public ChatRateLimits(IOptions<ChatOptions> options)
    {
        var settings = options.Value;
        messages = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = settings.MessagesPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0,
        }));
        starts = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = settings.StartsPerHourPerAddress, Window = TimeSpan.FromHours(1), SegmentsPerWindow = 6, QueueLimit = 0,
        }));
    }

    /// <returns>Null when allowed; otherwise how long to wait.</returns>
    public TimeSpan? TryMessage(string chatId, string party) => Acquire(messages, chatId + "/" + party, TimeSpan.FromSeconds(10));

    public TimeSpan? TryStart(HttpRequest request) => Acquire(starts, AddressKey(request), TimeSpan.FromMinutes(10));

    private static TimeSpan? Acquire(PartitionedRateLimiter<string> limiter, string key, TimeSpan fallback)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : fallback;
    }

    /// <summary>
    /// The client's address as the platform's front end reports it (the last <c>X-Forwarded-For</c> entry, which the
    /// front end appends; earlier entries can be forged by the client), else the connection's, as a keyed hash.
    /// </summary>
    private string AddressKey(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-For"].ToString();
        var address = forwarded.Length > 0
            ? forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
            : request.HttpContext.Connection.RemoteIpAddress?.ToString();
        // Strip a port ("1.2.3.4:5678"), which the front end may add, so one client is one key.
        if (address is not null && IPEndPoint.TryParse(address, out var endpoint)) address = endpoint.Address.ToString();
        return Convert.ToHexString(HMACSHA256.HashData(addressKey, Encoding.UTF8.GetBytes(address ?? "unknown")));
    }

    public void Dispose()
    {
        messages.Dispose();
        starts.Dispose();
    }
}
