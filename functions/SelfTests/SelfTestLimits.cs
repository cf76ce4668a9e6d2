using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;
using Steunpunt.Common.RateLimits;

namespace Steunpunt.SelfTests;

/// <summary>
/// The self-tests' limits, counted by the shared <see cref="RateLimiter"/>: responses and funnel events per client
/// address, and contact requests per client address and per contact detail (a keyed hash of the normalised number or
/// address), so neither one sender nor many senders can have staff call one person again and again.
/// </summary>
public sealed class SelfTestLimits(RateLimiter limiter, IOptions<SelfTestOptions> options)
{
    public const string Detail = "Er komen vanaf dit adres te veel verzoeken. Probeer het later opnieuw.";

    private readonly RateLimit responses = RateLimit.PerHour("selftest-responses", options.Value.ResponsesPerHourPerAddress);
    private readonly RateLimit events = RateLimit.PerHour("selftest-events", options.Value.EventsPerHourPerAddress);
    private readonly RateLimit contactsPerAddress = RateLimit.PerDay("selftest-contacts", options.Value.ContactRequestsPerDayPerAddress);
    private readonly RateLimit contactsPerDetail = RateLimit.PerDay("selftest-contact-detail", options.Value.ContactRequestsPerDayPerDetail);

    public Task<RateLimitOutcome> EventAsync(HttpRequest request, CancellationToken cancellationToken) => limiter.ForClientAsync(events, request, cancellationToken);

    /// <param name="contact">The channel and the normalised detail (E.164 number, address) when the response asks to be contacted.</param>
    /// <returns>Null when allowed; otherwise the 429 to answer.</returns>
    public async Task<IActionResult?> ResponseAsync(HttpRequest request, (string Channel, string Detail)? contact, CancellationToken cancellationToken)
    {
        if (await limiter.ForClientAsync(responses, request, cancellationToken) is { Refused: true } tooMany) return Problem.TooManyRequests(Detail, tooMany.RetryAfter);
        if (contact is not { } asked) return null;
        if (await limiter.ForClientAsync(contactsPerAddress, request, cancellationToken) is { Refused: true } tooManyContacts)
        {
            return Problem.TooManyRequests("Er zijn vanaf dit adres vandaag al genoeg verzoeken om contact gedaan. Bel ons gerust, of probeer het morgen opnieuw.", tooManyContacts.RetryAfter);
        }
        if (await limiter.TryAcquireAsync(contactsPerDetail, asked.Channel + ":" + asked.Detail.ToLowerInvariant(), cancellationToken) is { Refused: true } again)
        {
            return Problem.TooManyRequests("Voor dit telefoonnummer of e-mailadres is vandaag al om contact gevraagd. We nemen contact op; bel ons gerust als het niet kan wachten.", again.RetryAfter);
        }
        return null;
    }
}
