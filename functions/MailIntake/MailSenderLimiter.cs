using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Steunpunt.Common.RateLimits;

namespace Steunpunt.MailIntake;

/// <summary>
/// The mail slice's limits, counted by the shared <see cref="RateLimiter"/>. One limit per client address for everything a
/// sender writes: forms and messages through the continue page share <c>MailIntake:SubmissionsPerHourPerAddress</c>, so the
/// continue page is no way around the form's limit. Ratings of an answer have their own. Receipts are limited per recipient
/// address a day (<c>MailIntake:ReceiptsPerDayPerRecipient</c>), so the form cannot be used to flood a stranger's mailbox.
/// </summary>
public sealed class MailSenderLimiter(RateLimiter limiter, IOptions<MailIntakeOptions> options)
{
    private readonly RateLimit writes = RateLimit.PerHour("mail-writes", options.Value.SubmissionsPerHourPerAddress);
    private readonly RateLimit ratings = RateLimit.PerHour("mail-ratings", options.Value.RatingsPerHourPerAddress);
    private readonly RateLimit receipts = RateLimit.PerDay("mail-receipts", options.Value.ReceiptsPerDayPerRecipient);

    public const string Detail = "Er zijn vanaf dit adres al veel berichten gestuurd. Probeer het later opnieuw, of bel ons.";

    public Task<RateLimitOutcome> WriteAsync(HttpRequest request, CancellationToken cancellationToken) => limiter.ForClientAsync(writes, request, cancellationToken);

    public Task<RateLimitOutcome> RatingAsync(HttpRequest request, CancellationToken cancellationToken) => limiter.ForClientAsync(ratings, request, cancellationToken);

    /// <summary>One receipt to <paramref name="replyAddress"/> (already a checked address), counted under a keyed hash of it in lower case.</summary>
    public Task<RateLimitOutcome> ReceiptAsync(string replyAddress, CancellationToken cancellationToken)
        => limiter.TryAcquireAsync(receipts, "email:" + replyAddress.Trim().ToLowerInvariant(), cancellationToken);
}
