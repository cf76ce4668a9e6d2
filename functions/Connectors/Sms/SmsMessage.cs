namespace Steunpunt.Connectors.Sms;

/// <param name="Tag">Echoed in the delivery report, so the report finds its way back (say, to a reminder). Never personal data.</param>
public sealed record SmsMessage(IReadOnlyList<string> To, string Text, string? Tag = null);

/// <summary>What happened to one recipient: a 202 from the service can hold failed recipients, so each is checked.</summary>
/// <param name="To">The number as given by the caller.</param>
/// <param name="SentTo">The E.164 number it was sent to; null when the number was not valid and nothing was sent.</param>
public sealed record SmsRecipientResult(string To, string? SentTo, bool Successful, int HttpStatusCode, string? MessageId, string? Error, string? RepeatabilityResult);

/// <summary>Sends SMS; the Communication Services REST client implements it, an SDK-backed one could replace it.</summary>
public interface ISmsSender
{
    /// <summary>
    /// Sends once per <paramref name="key"/> and recipient (repeatability id and first-sent time come from the key).
    /// Numbers are checked and normalised to E.164 first; one that is not a valid mobile number gets a failed result
    /// and is not sent. Throws <see cref="CommunicationServices.CommunicationServiceException"/> when the service refuses the request,
    /// or answers a recipient with 429 or 5xx (then the same key again sends only what was not accepted).
    /// </summary>
    Task<IReadOnlyList<SmsRecipientResult>> SendAsync(SmsMessage message, IdempotencyKey key, CancellationToken cancellationToken);
}
