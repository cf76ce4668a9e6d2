using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Steunpunt.Common.RateLimits;

public sealed class PurgeRateLimits(RateLimiter limiter, ILogger<PurgeRateLimits> logger)
{
    /// <summary>Every night at 04:15: the counters of windows that ended before today are of no use any more.</summary>
    [Function(nameof(PurgeRateLimits))]
    public async Task Run([TimerTrigger("0 15 4 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var deleted = await limiter.PurgeAsync(cancellationToken);
        logger.LogInformation("Purged {Count} rate-limit counters of past days.", deleted);
    }
}
