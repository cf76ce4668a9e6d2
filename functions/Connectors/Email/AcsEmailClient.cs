using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors.CommunicationServices;

namespace Steunpunt.Connectors.Email;

/// <summary>
/// <c>POST /emails:send?api-version=2023-03-31</c> with an <c>Operation-Id</c> derived from our idempotency key,
/// then, when the caller asks for <see cref="WaitUntil.Completed"/>, the operation is followed to a final status.
/// Open and click tracking is always off: a tracking pixel in a victim's mailbox is a privacy risk.
/// </summary>
public sealed class AcsEmailClient(
    CommunicationServicesConnection connection, IOptions<EmailOptions> options, ILogger<AcsEmailClient> logger) : IEmailSender
{
    public const string ApiVersion = "2023-03-31";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task<EmailSendResult> SendAsync(EmailMessage message, IdempotencyKey key, WaitUntil wait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(message.To.Count, nameof(message.To));
        var operationId = key.ToGuid("email").ToString();

        using var send = connection.Pipeline.CreateMessage();
        send.Request.Method = RequestMethod.Post;
        send.Request.Uri.Reset(connection.Url($"emails:send?api-version={ApiVersion}"));
        send.Request.Headers.SetValue("Operation-Id", operationId);
        send.Request.Headers.SetValue("Content-Type", "application/json");
        send.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(Body(message), Json));
        await connection.Pipeline.SendAsync(send, cancellationToken);
        if (send.Response.Status != 202) throw CommunicationServicesResponses.Failure(send.Response);

        var status = Read(send.Response);
        logger.LogInformation("E-mail operation {OperationId} accepted ({Status}).", operationId, status.Status);
        // Accepted is the service's promise to deliver; a caller that does nothing with the outcome need not wait for it.
        if (wait == WaitUntil.Started) return status;
        var pollUrl = PollUrl(send.Response, operationId);
        var retryAfter = CommunicationServicesResponses.RetryAfter(send.Response);
        // Waiting is real time, whatever clock the app reads for business dates.
        var waited = System.Diagnostics.Stopwatch.StartNew();

        while (!status.IsTerminal && waited.Elapsed < TimeSpan.FromSeconds(options.Value.MaxStatusWaitSeconds))
        {
            await Task.Delay(PollDelay(retryAfter), cancellationToken);
            using var poll = connection.Pipeline.CreateMessage();
            poll.Request.Method = RequestMethod.Get;
            poll.Request.Uri.Reset(pollUrl);
            await connection.Pipeline.SendAsync(poll, cancellationToken);
            if (poll.Response.Status != 200) throw CommunicationServicesResponses.Failure(poll.Response);
            status = Read(poll.Response);
            retryAfter = CommunicationServicesResponses.RetryAfter(poll.Response);
        }

        if (status.Status is not EmailSendStatus.Succeeded)
        {
            logger.LogWarning("E-mail operation {OperationId} ended {Status} ({ErrorCode}).", operationId, status.Status, status.ErrorCode ?? "no code");
        }
        return status;
    }

    private TimeSpan PollDelay(TimeSpan? retryAfter)
    {
        var max = TimeSpan.FromSeconds(options.Value.MaxPollIntervalSeconds);
        var wanted = retryAfter ?? TimeSpan.FromSeconds(1);
        return wanted < TimeSpan.Zero ? TimeSpan.Zero : wanted > max ? max : wanted;
    }

    /// <summary>
    /// The <c>Operation-Location</c> the service gave, when it points at the same resource (the published example has a
    /// double slash, so it is normalised); otherwise the documented status URL.
    /// </summary>
    private Uri PollUrl(Azure.Response response, string operationId)
    {
        var fallback = connection.Url($"emails/operations/{Uri.EscapeDataString(operationId)}?api-version={ApiVersion}");
        if (!response.Headers.TryGetValue("Operation-Location", out var location) || !Uri.TryCreate(location, UriKind.Absolute, out var given)) return fallback;
        if (!string.Equals(given.Authority, connection.Endpoint.Authority, StringComparison.OrdinalIgnoreCase) || given.Scheme != connection.Endpoint.Scheme) return fallback;
        var path = given.AbsolutePath;
        while (path.Contains("//", StringComparison.Ordinal)) path = path.Replace("//", "/", StringComparison.Ordinal);
        return new UriBuilder(given) { Path = path }.Uri;
    }

    private object Body(EmailMessage message) => new
    {
        senderAddress = options.Value.SenderAddress,
        recipients = new { to = message.To.Select(a => new { address = a.Address, displayName = a.DisplayName }) },
        content = new { subject = message.Subject, plainText = message.PlainText, html = message.Html },
        replyTo = message.ReplyTo.Count == 0 ? null : message.ReplyTo.Select(a => new { address = a.Address, displayName = a.DisplayName }),
        headers = message.Headers.Count == 0 ? null : message.Headers,
        userEngagementTrackingDisabled = true,
    };

    private static EmailSendResult Read(Azure.Response response)
    {
        var body = JsonSerializer.Deserialize<SendResultBody>(response.Content.ToMemory().Span, Json)
            ?? throw new CommunicationServiceException(response.Status, "EmptyBody", null, null);
        var status = Enum.TryParse<EmailSendStatus>(body.Status, ignoreCase: true, out var parsed) ? parsed : EmailSendStatus.Running;
        return new EmailSendResult(body.Id ?? "", status, body.Error?.Code);
    }

    private sealed record SendResultBody(string? Id, string? Status, ErrorBody? Error);
    private sealed record ErrorBody(string? Code, string? Message);
}
