using System.Text.Json;

namespace Steunpunt.Connectors.Events;

/// <summary>One event from Event Grid, whichever schema it came in (Event Grid or CloudEvents 1.0).</summary>
public sealed record CommunicationEvent(string Id, string Type, string? Subject, DateTimeOffset? Time, JsonElement Data);

public static class CommunicationEventTypes
{
    public const string SubscriptionValidation = "Microsoft.EventGrid.SubscriptionValidationEvent";
    public const string SmsDeliveryReportReceived = "Microsoft.Communication.SMSDeliveryReportReceived";
    public const string SmsReceived = "Microsoft.Communication.SMSReceived";
    public const string EmailDeliveryReportReceived = "Microsoft.Communication.EmailDeliveryReportReceived";
}

/// <summary>Handles one event type; the webhook hands each event to the handlers registered for its type.</summary>
public interface ICommunicationEventHandler
{
    string EventType { get; }

    Task HandleAsync(CommunicationEvent communicationEvent, CancellationToken cancellationToken);
}
