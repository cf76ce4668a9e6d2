using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Http;

namespace Steunpunt.Connectors.Events;

/// <summary>
/// The Event Grid webhook for Communication Services events (SMS delivery reports, inbound SMS). Function-level
/// authorisation: the subscription sends the function key in the <c>x-functions-key</c> header, never in the URL.
/// </summary>
public sealed class ReceiveCommunicationEvents(CommunicationEventDispatcher dispatcher, ILogger<ReceiveCommunicationEvents> logger)
{
    private const int MaxBodyBytes = 1024 * 1024;

    [Function(nameof(ReceiveCommunicationEvents))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options", Route = "events/communication")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (HttpMethods.IsOptions(request.Method)) return CloudEventsHandshake(request);

        if (request.ContentLength > MaxBodyBytes) return Problem.PayloadTooLarge(MaxBodyBytes);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes) return Problem.PayloadTooLarge(MaxBodyBytes);

        var (events, error) = EventGridPayload.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (events is null) return Problem.BadRequest(error!);

        var validation = events.FirstOrDefault(e => e.Type == CommunicationEventTypes.SubscriptionValidation);
        if (validation is not null)
        {
            var code = EventGridPayload.PropertyText(validation.Data, "validationCode");
            if (code is null) return Problem.BadRequest("De validatiegebeurtenis mist 'validationCode'.");
            logger.LogInformation("Event Grid subscription validation answered.");
            return new JsonResponse(new { validationResponse = code });
        }

        await dispatcher.DispatchAsync(events, cancellationToken);
        return new OkResult();
    }

    /// <summary>CloudEvents webhook abuse protection: allow the origin that asks.</summary>
    private static IActionResult CloudEventsHandshake(HttpRequest request)
    {
        var origin = request.Headers["WebHook-Request-Origin"].ToString();
        if (string.IsNullOrEmpty(origin)) return Problem.BadRequest("De header 'WebHook-Request-Origin' ontbreekt.");
        request.HttpContext.Response.Headers["WebHook-Allowed-Origin"] = origin;
        request.HttpContext.Response.Headers["WebHook-Allowed-Rate"] = "*";
        return new OkResult();
    }
}
