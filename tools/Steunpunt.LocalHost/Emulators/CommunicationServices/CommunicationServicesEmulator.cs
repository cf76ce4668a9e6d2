using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneNumbers;
using Steunpunt.Connectors.CommunicationServices;
using Steunpunt.Connectors.Email;
using Steunpunt.Connectors.Events;
using Steunpunt.Connectors.Sms;

namespace Steunpunt.LocalHost.Emulators.CommunicationServices;

/// <summary>
/// The e-mail and SMS data-plane APIs of Communication Services under <c>/emulators/communication</c>, checking the
/// access-key signature and the body hash with the key from the app's own <c>CommunicationServices:ConnectionString</c>.
/// Accepted mail and SMS go to the <see cref="DevOutbox"/>; delivery reports for both go out through the <see cref="EventGridPublisher"/>.
/// </summary>
public sealed class CommunicationServicesEmulator(
    IConfiguration configuration,
    IOptions<CommunicationServicesEmulatorOptions> options,
    IOptions<EventGridEmulatorOptions> eventGrid,
    FaultInjector faults,
    DevOutbox outbox,
    EventGridPublisher events,
    TimeProvider clock,
    ILogger<CommunicationServicesEmulator> logger)
{
    public const string BasePath = "/emulators/communication";
    private static readonly string[] EmailApiVersions = [AcsEmailClient.ApiVersion, "2025-09-01"];
    private static readonly string[] SmsApiVersions = [AcsSmsClient.ApiVersion];
    private const int MaxEmailBytes = 10 * 1024 * 1024;
    private const int MaxSmsBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions LeaveOutNulls = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private readonly ConcurrentDictionary<string, EmailOperation> operations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(Guid RequestId, DateTimeOffset FirstSent), SmsRepeat> smsRepeats = new();
    private readonly Lock acceptGate = new();

    private sealed record EmailOperation(string Id, string Fingerprint, string Status, string? ErrorCode, string? ErrorMessage);

    /// <summary>One recipient's item in the SMS answer; the service leaves out the fields that do not apply.</summary>
    private sealed record SmsItem(string To, string? MessageId, int HttpStatusCode, string? RepeatabilityResult, bool Successful, string? ErrorMessage);

    /// <summary>A repeatable recipient request that was accepted: what it asked (sender, number, text, options) and what it got.</summary>
    private sealed record SmsRepeat(string Fingerprint, SmsItem Result);

    public static void Map(WebApplication app)
    {
        app.MapPost(BasePath + "/emails:send", (HttpContext context, CommunicationServicesEmulator emulator) => emulator.SendEmailAsync(context));
        app.MapGet(BasePath + "/emails/operations/{operationId}", (string operationId, HttpContext context, CommunicationServicesEmulator emulator) => emulator.EmailStatusAsync(context, operationId));
        app.MapPost(BasePath + "/sms", (HttpContext context, CommunicationServicesEmulator emulator) => emulator.SendSmsAsync(context));
    }

    private async Task<IResult> SendEmailAsync(HttpContext context)
    {
        var (body, rejected) = await ReadAuthenticatedAsync(context, MaxEmailBytes, EmailApiVersions);
        if (rejected is not null) return rejected;
        JsonElement email;
        try
        {
            email = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return Error(400, "BadRequest", "The request body is not valid JSON.");
        }
        if (ValidateEmail(email) is { } invalid) return Error(400, "BadRequest", invalid);

        var operationId = context.Request.Headers["Operation-Id"].ToString();
        if (operationId.Length == 0) operationId = Guid.NewGuid().ToString();
        else if (!Guid.TryParse(operationId, out _)) return Error(400, "BadRequest", "Operation-Id must be a UUID.");

        var recipients = Addresses(email, "to").Concat(Addresses(email, "cc")).Concat(Addresses(email, "bcc")).ToList();
        var fault = faults.TakeRequestFault("email", recipients);
        if (fault is not null && await BeforeAcceptAsync(fault, context.RequestAborted) is { } refused) return refused;

        var fingerprint = Convert.ToBase64String(SHA256.HashData(body));
        EmailOperation operation;
        lock (acceptGate)
        {
            if (operations.TryGetValue(operationId, out var existing))
            {
                // The same Operation-Id again: the same operation, not a second mail.
                if (existing.Fingerprint != fingerprint) return Error(409, "Conflict", "This Operation-Id was already used for a different message.");
                operation = existing;
            }
            else
            {
                var outcomes = recipients.Select(r => (Recipient: r, Status: faults.TakeDeliveryFault("email", r) ?? "Delivered")).ToList();
                var failure = outcomes.Select(o => o.Status).FirstOrDefault(s => s != "Delivered");
                // "Failed" is the service giving up (the operation fails with EmailDropped); a bounce, suppression or spam
                // filter happens after the send succeeded, and only the delivery report tells.
                operation = string.Equals(failure, "Failed", StringComparison.OrdinalIgnoreCase)
                    ? new EmailOperation(operationId, fingerprint, "Failed", "EmailDropped", "Email was dropped after several attempts to deliver.")
                    : new EmailOperation(operationId, fingerprint, "Succeeded", null, null);
                foreach (var (recipient, status) in outcomes) PublishEmailDeliveryReport(operationId, Text(email, "senderAddress") ?? "", recipient, status);
                operations[operationId] = operation;
                outbox.Add(new OutboxItem
                {
                    Sequence = outbox.NextSequence(),
                    Channel = DevOutbox.Email,
                    AcceptedAt = clock.GetUtcNow(),
                    Id = operationId,
                    From = Text(email, "senderAddress") ?? "",
                    To = recipients,
                    ToNames = email.TryGetProperty("recipients", out var named) && named.TryGetProperty("to", out var namedTo) && namedTo.ValueKind == JsonValueKind.Array
                        ? namedTo.EnumerateArray().Select(a => Text(a, "displayName")).OfType<string>().ToList() : [],
                    ReplyTo = email.TryGetProperty("replyTo", out var replyTo) && replyTo.ValueKind == JsonValueKind.Array
                        ? replyTo.EnumerateArray().Select(a => Text(a, "address") ?? "").ToList() : [],
                    Headers = email.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object
                        ? headers.EnumerateObject().ToDictionary(h => h.Name, h => h.Value.ToString()) : new Dictionary<string, string>(),
                    Subject = Text(email.GetProperty("content"), "subject"),
                    PlainText = Text(email.GetProperty("content"), "plainText"),
                    Html = Text(email.GetProperty("content"), "html"),
                    DeliveryStatus = failure ?? "Delivered",
                });
                logger.LogInformation("Communication Services emulator: e-mail operation {OperationId} accepted.", operationId);
            }
        }

        if (fault is { AfterAccept: true }) return FaultAnswer(fault);
        var location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{BasePath}/emails/operations/{operationId}?api-version={context.Request.Query["api-version"]}";
        context.Response.Headers["Operation-Location"] = location;
        context.Response.Headers["retry-after"] = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Json(new { id = operation.Id, status = "Running" }, statusCode: 202);
    }

    private async Task<IResult> EmailStatusAsync(HttpContext context, string operationId)
    {
        var (_, rejected) = await ReadAuthenticatedAsync(context, 0, EmailApiVersions);
        if (rejected is not null) return rejected;
        if (!operations.TryGetValue(operationId, out var operation)) return Error(404, "NotFound", "No operation with this id.");
        object? error = operation.ErrorCode is null ? null : new { code = operation.ErrorCode, message = operation.ErrorMessage };
        return Results.Json(new { id = operation.Id, status = operation.Status, error }, LeaveOutNulls);
    }

    private async Task<IResult> SendSmsAsync(HttpContext context)
    {
        var (body, rejected) = await ReadAuthenticatedAsync(context, MaxSmsBytes, SmsApiVersions);
        if (rejected is not null) return rejected;
        JsonElement sms;
        try
        {
            sms = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return Error(400, "BadRequest", "The request body is not valid JSON.");
        }
        if (ValidateSms(sms) is { } invalid) return Error(400, "BadRequest", invalid);

        var recipients = sms.GetProperty("smsRecipients").EnumerateArray().ToList();
        var fault = faults.TakeRequestFault("sms", recipients.Select(r => Text(r, "to") ?? ""));
        if (fault is not null && await BeforeAcceptAsync(fault, context.RequestAborted) is { } refused) return refused;

        var from = Text(sms, "from")!;
        var text = Text(sms, "message")!;
        var options = sms.TryGetProperty("smsSendOptions", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
        var deliveryReport = options.ValueKind == JsonValueKind.Object && options.TryGetProperty("enableDeliveryReport", out var report) && report.ValueKind == JsonValueKind.True;
        var tag = options.ValueKind == JsonValueKind.Object ? Text(options, "tag") : null;

        var results = new List<SmsItem>();
        lock (acceptGate)
        {
            foreach (var recipient in recipients)
            {
                var to = Text(recipient, "to") ?? "";
                var repeatId = Text(recipient, "repeatabilityRequestId");
                var firstSent = Text(recipient, "repeatabilityFirstSent");
                if (!IsE164(to))
                {
                    results.Add(new SmsItem(to, null, 400, repeatId is null ? null : "rejected", false, "Invalid To phone number format."));
                    continue;
                }
                var messageId = $"Outgoing_{clock.GetUtcNow():yyyyMMddHHmmss}{Guid.NewGuid():N}_noam";
                (Guid, DateTimeOffset)? repeatKey = null;
                var fingerprint = "";
                if (repeatId is not null || firstSent is not null)
                {
                    // The official example answers a repeatability error with a message id, though nothing is sent.
                    if (!Guid.TryParse(repeatId, out var requestId))
                    {
                        results.Add(new SmsItem(to, messageId, 400, "rejected", false, "Request sent with Invalid value for repeatability-request-id. Expected is a UUID."));
                        continue;
                    }
                    if (!DateTimeOffset.TryParseExact(firstSent, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var firstSentAt))
                    {
                        results.Add(new SmsItem(to, messageId, 400, "rejected", false, "Request sent with Invalid DateTime value for repeatability-first-sent. Expected is DateTime ,RFC1123 pattern."));
                        continue;
                    }
                    // A request is the pair of id and first-sent time (Repeatable Requests 1.0): the same pair again is a
                    // repeat and gets the original answer; the pair given to another recipient or text is refused, never
                    // answered with another recipient's result, and nothing is sent for it.
                    repeatKey = (requestId, firstSentAt);
                    fingerprint = Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", from, to, text, options.ValueKind == JsonValueKind.Object ? options.GetRawText() : ""))));
                    if (smsRepeats.TryGetValue(repeatKey.Value, out var original))
                    {
                        results.Add(original.Fingerprint == fingerprint
                            ? original.Result
                            : new SmsItem(to, messageId, 400, "rejected", false, "This repeatability-request-id and repeatability-first-sent were already used for a different request (another recipient or message)."));
                        continue;
                    }
                }
                if (faults.TakeRecipientFault("sms", to) is { } recipientStatus)
                {
                    // Not remembered as a repeat: a retry with the same id may go through.
                    results.Add(new SmsItem(to, messageId, recipientStatus, null, false, recipientStatus == 503 ? "ServiceUnavailable" : "Injected fault."));
                    continue;
                }
                var failure = faults.TakeDeliveryFault("sms", to);
                outbox.Add(new OutboxItem
                {
                    Sequence = outbox.NextSequence(),
                    Channel = DevOutbox.Sms,
                    AcceptedAt = clock.GetUtcNow(),
                    Id = messageId,
                    From = from,
                    To = [to],
                    Text = text,
                    Tag = tag,
                    DeliveryStatus = failure ?? "Delivered",
                });
                var accepted = new SmsItem(to, messageId, 202, repeatKey is null ? null : "accepted", true, null);
                if (repeatKey is { } key) smsRepeats[key] = new SmsRepeat(fingerprint, accepted);
                results.Add(accepted);
                if (deliveryReport) PublishDeliveryReport(messageId, from, to, tag, failure);
            }
        }
        logger.LogInformation("Communication Services emulator: SMS request with {Count} recipient(s) handled.", recipients.Count);

        if (fault is { AfterAccept: true }) return FaultAnswer(fault);
        return Results.Json(new { value = results }, LeaveOutNulls, statusCode: 202);
    }

    private void PublishDeliveryReport(string messageId, string from, string to, string? tag, string? failure)
    {
        var now = clock.GetUtcNow();
        events.Publish(CommunicationEventTypes.SmsDeliveryReportReceived, "/phonenumber/" + to.TrimStart('+'), new
        {
            messageId,
            from,
            to,
            deliveryStatus = failure ?? "Delivered",
            deliveryStatusDetails = failure is null ? "No error." : "Sender blocked for given recipient.",
            receivedTimestamp = now,
            deliveryAttempts = new[] { new { timestamp = now, segmentsSucceeded = failure is null ? 1 : 0, segmentsFailed = failure is null ? 0 : 1 } },
            tag,
        }, TimeSpan.FromMilliseconds(eventGrid.Value.DeliveryDelayMilliseconds));
    }

    /// <summary>The report Event Grid sends for every recipient of an e-mail (Event Grid schema: <c>deliveryAttemptTimeStamp</c>).</summary>
    private void PublishEmailDeliveryReport(string messageId, string sender, string recipient, string status)
    {
        events.Publish(CommunicationEventTypes.EmailDeliveryReportReceived, $"sender/{sender}/message/{messageId}", new
        {
            sender,
            recipient,
            messageId,
            status,
            deliveryStatusDetails = new { statusMessage = status == "Delivered" ? "No error." : "550 5.1.1 The recipient's mailbox is unavailable." },
            deliveryAttemptTimeStamp = clock.GetUtcNow(),
        }, TimeSpan.FromMilliseconds(eventGrid.Value.DeliveryDelayMilliseconds));
    }

    /// <summary>An inbound SMS, as if someone replied to our number (for STOP handling): published as <c>SMSReceived</c>.</summary>
    public void ReceiveSms(string from, string to, string message)
    {
        events.Publish(CommunicationEventTypes.SmsReceived, "/phonenumber/" + to.TrimStart('+'), new
        {
            messageId = $"Incoming_{clock.GetUtcNow():yyyyMMddHHmmss}{Guid.NewGuid():N}_noam",
            from,
            to,
            message,
            receivedTimestamp = clock.GetUtcNow(),
        }, TimeSpan.Zero);
    }

    /// <summary>Reads the body, then checks the api-version and the signature, in the order the service answers them.</summary>
    private async Task<(byte[] Body, IResult? Rejected)> ReadAuthenticatedAsync(HttpContext context, int maxBytes, string[] apiVersions)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        if (body.Length > Math.Max(maxBytes, 0)) return (body, Error(413, "RequestEntityTooLarge", $"The request is larger than {maxBytes} bytes."));

        if (!AcsConnectionString.TryParse(configuration[$"{CommunicationServicesOptions.Section}:ConnectionString"], out var connection, out _))
        {
            logger.LogWarning("Communication Services emulator: no access-key connection string in CommunicationServices:ConnectionString, so nothing can be verified.");
            return (body, Error(401, "Denied", "The emulator has no access key to verify requests with."));
        }
        if (HmacVerifier.Verify(context.Request, body, connection!.AccessKey, clock.GetUtcNow()) is { } reason)
        {
            logger.LogWarning("Communication Services emulator: request refused: {Reason}", reason);
            return (body, Error(401, "Denied", "Denied by the resource provider. " + reason));
        }
        var apiVersion = context.Request.Query["api-version"].ToString();
        if (!apiVersions.Contains(apiVersion)) return (body, Error(400, "InvalidApiVersion", $"api-version must be one of: {string.Join(", ", apiVersions)}."));
        return (body, null);
    }

    private static async Task<IResult?> BeforeAcceptAsync(FaultRule fault, CancellationToken cancellationToken)
    {
        if (fault.LatencyMs > 0) await Task.Delay(fault.LatencyMs, cancellationToken);
        return fault is { Status: not null, AfterAccept: false } ? FaultAnswer(fault) : null;
    }

    private static IResult FaultAnswer(FaultRule fault) => new ErrorResult(fault.Status!.Value,
        fault.Status == 429 ? "TooManyRequests" : "InternalServerError",
        fault.Status == 429 ? "Too many requests; try again later." : "Injected fault.", fault.RetryAfterSeconds);

    private static IResult Error(int status, string code, string message) => new ErrorResult(status, code, message, null);

    /// <summary>The Azure common error body, with <c>x-ms-error-code</c> and, when throttling, <c>Retry-After</c>.</summary>
    private sealed class ErrorResult(int status, string code, string message, int? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers["x-ms-error-code"] = code;
            if (retryAfter is { } seconds) httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Results.Json(new { error = new { code, message } }, statusCode: status).ExecuteAsync(httpContext);
        }
    }

    private string? ValidateEmail(JsonElement email)
    {
        if (email.ValueKind != JsonValueKind.Object) return "The body must be a JSON object.";
        var sender = Text(email, "senderAddress");
        if (sender is null) return "senderAddress is required.";
        var linkedDomain = configuration[$"{EmailOptions.Section}:SenderAddress"]?.Split('@').LastOrDefault();
        if (linkedDomain is not null && !sender.EndsWith("@" + linkedDomain, StringComparison.OrdinalIgnoreCase))
        {
            return $"senderAddress must be on a domain linked to this resource ({linkedDomain}).";
        }
        if (!email.TryGetProperty("recipients", out var recipients) || recipients.ValueKind != JsonValueKind.Object) return "recipients is required.";
        if (!recipients.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.Array || to.GetArrayLength() == 0) return "recipients.to needs at least one address.";
        var all = Addresses(email, "to").Concat(Addresses(email, "cc")).Concat(Addresses(email, "bcc")).ToList();
        if (all.Count > 50) return "At most 50 recipients.";
        if (all.Any(a => !MailAddress.TryCreate(a, out var parsed) || parsed.Address != a)) return "A recipient address is not valid.";
        if (!email.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object) return "content is required.";
        if (Text(content, "subject") is null) return "content.subject is required.";
        if (Text(content, "plainText") is null && Text(content, "html") is null) return "content needs plainText or html.";
        return null;
    }

    private string? ValidateSms(JsonElement sms)
    {
        if (sms.ValueKind != JsonValueKind.Object) return "The body must be a JSON object.";
        var from = Text(sms, "from");
        if (from is null) return "from is required.";
        var owned = configuration[$"{SmsOptions.Section}:From"];
        if (owned is not null && from != owned) return "from must be a number or sender ID of this resource.";
        if (Text(sms, "message") is not { } message) return "message is required.";
        if (message.Length > AcsSmsClient.MaxLength) return $"message is longer than {AcsSmsClient.MaxLength} characters.";
        if (!sms.TryGetProperty("smsRecipients", out var recipients) || recipients.ValueKind != JsonValueKind.Array
            || recipients.GetArrayLength() is < 1 or > 100) return "smsRecipients needs 1 to 100 recipients.";
        if (recipients.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.Object || Text(r, "to") is null)) return "Every recipient needs 'to'.";
        if (sms.TryGetProperty("smsSendOptions", out var options) && options.ValueKind == JsonValueKind.Object
            && (!options.TryGetProperty("enableDeliveryReport", out var report) || report.ValueKind is not (JsonValueKind.True or JsonValueKind.False)))
        {
            return "smsSendOptions.enableDeliveryReport is required when smsSendOptions is given.";
        }
        return null;
    }

    /// <summary>
    /// E.164 as the service reads it: '+', a country code and a number of a length that country uses (libphonenumber's
    /// possible-number check: the official example's +1 numbers pass, though no real area code starts with 1), written
    /// exactly as E.164 writes it.
    /// </summary>
    private static bool IsE164(string to)
    {
        if (to.Length < 2 || to[0] != '+' || to.AsSpan(1).ContainsAnyExceptInRange('0', '9')) return false;
        try
        {
            var number = Phones.Parse(to, "ZZ");
            return Phones.IsPossibleNumber(number) && Phones.Format(number, PhoneNumberFormat.E164) == to;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Addresses(JsonElement email, string list)
        => email.TryGetProperty("recipients", out var recipients) && recipients.ValueKind == JsonValueKind.Object
           && recipients.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(a => Text(a, "address") ?? "")
            : [];

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

}
