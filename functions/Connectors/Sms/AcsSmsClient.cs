using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors.CommunicationServices;

namespace Steunpunt.Connectors.Sms;

/// <summary>
/// <c>POST /sms?api-version=2021-03-07</c>: every recipient carries a repeatability id and first-sent time derived from
/// our idempotency key, so the service drops a repeat; every recipient's result is read, and one the service could not
/// take at that moment (429, 5xx) fails the send so that it is retried.
/// </summary>
public sealed class AcsSmsClient(CommunicationServicesConnection connection, IOptions<SmsOptions> options, ILogger<AcsSmsClient> logger) : ISmsSender
{
    public const string ApiVersion = "2021-03-07";
    public const int MaxLength = 2048;
    private const int MaxRecipientsPerRequest = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task<IReadOnlyList<SmsRecipientResult>> SendAsync(SmsMessage message, IdempotencyKey key, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(message.To.Count, nameof(message.To));
        if (message.Text.Length > MaxLength) throw new ArgumentException($"An SMS text is at most {MaxLength} characters.", nameof(message));
        if (!options.Value.IsConfigured) throw new InvalidOperationException($"No SMS sender: set '{SmsOptions.Section}:{nameof(SmsOptions.From)}' to the number bought on the Communication Services resource.");

        var results = new SmsRecipientResult?[message.To.Count];
        var valid = new List<(int Index, string E164)>();
        for (var i = 0; i < message.To.Count; i++)
        {
            var (e164, error) = PhoneNumberRules.Normalise(message.To[i], PhoneNumberUse.Sms);
            if (e164 is null) results[i] = new SmsRecipientResult(message.To[i], null, false, 400, null, error, null);
            else valid.Add((i, e164));
        }

        var firstSent = key.FirstCreated.UtcDateTime.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var batch in valid.DistinctBy(v => v.E164).Chunk(MaxRecipientsPerRequest))
        {
            var body = new
            {
                from = options.Value.From,
                smsRecipients = batch.Select(r => new { to = r.E164, repeatabilityRequestId = key.ToGuid("sms:" + r.E164).ToString(), repeatabilityFirstSent = firstSent }),
                message = message.Text,
                smsSendOptions = new { enableDeliveryReport = options.Value.DeliveryReports, tag = message.Tag },
            };
            using var send = connection.Pipeline.CreateMessage();
            send.Request.Method = RequestMethod.Post;
            send.Request.Uri.Reset(connection.Url($"sms?api-version={ApiVersion}"));
            send.Request.Headers.SetValue("Content-Type", "application/json");
            send.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body, Json));
            await connection.Pipeline.SendAsync(send, cancellationToken);
            if (send.Response.Status != 202) throw CommunicationServicesResponses.Failure(send.Response);

            var answer = JsonSerializer.Deserialize<SendResponse>(send.Response.Content.ToMemory().Span, Json)?.Value ?? [];
            // A 202 can hold a recipient the service could not take at that moment (503 ServiceUnavailable): that is
            // no refusal, so the send fails and is retried; the repeatability ids make the recipients already accepted repeats.
            if (answer.FirstOrDefault(a => a.HttpStatusCode is 429 or >= 500) is { } transient)
            {
                throw new CommunicationServiceException(transient.HttpStatusCode, transient.ErrorMessage, null, CommunicationServicesResponses.RetryAfter(send.Response));
            }
            foreach (var (index, e164) in valid.Where(v => batch.Any(b => b.E164 == v.E164)))
            {
                var item = answer.FirstOrDefault(a => a.To == e164);
                results[index] = item is null
                    ? new SmsRecipientResult(message.To[index], e164, false, 500, null, "The service gave no result for this recipient.", null)
                    : new SmsRecipientResult(message.To[index], e164, item.Successful, item.HttpStatusCode, item.MessageId, item.ErrorMessage, item.RepeatabilityResult);
            }
        }

        var failed = results.Count(r => r is { Successful: false });
        if (failed > 0) logger.LogWarning("SMS send: {Failed} of {Total} recipient(s) not accepted.", failed, results.Length);
        return results!;
    }

    private sealed record SendResponse(List<SendResponseItem>? Value);
    private sealed record SendResponseItem(string To, string? MessageId, int HttpStatusCode, string? RepeatabilityResult, bool Successful, string? ErrorMessage);
}
