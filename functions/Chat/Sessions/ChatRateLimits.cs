using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat.Sessions;

/// <summary>
/// Limits per chat (messages a minute, per party) and per client address (chats started an hour; see
/// <see cref="ClientAddressLimiter"/> for how the address is kept out of storage and logs).
/// </summary>
public sealed class ChatRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> messages;
    private readonly ClientAddressLimiter starts;

    public ChatRateLimits(IOptions<ChatOptions> options, ClientAddressRule addresses)
    {
        var settings = options.Value;
        messages = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = settings.MessagesPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0,
        }));
        starts = new ClientAddressLimiter(addresses, settings.StartsPerHourPerAddress, TimeSpan.FromHours(1));
    }

    /// <returns>Null when allowed; otherwise how long to wait.</returns>
    public TimeSpan? TryMessage(string chatId, string party)
    {
        using var lease = messages.AttemptAcquire(chatId + "/" + party);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
    }

    public TimeSpan? TryStart(HttpRequest request) => starts.TryAcquire(request);

    public void Dispose()
    {
        messages.Dispose();
        starts.Dispose();
    }
}
