using Microsoft.Extensions.Logging;

namespace Steunpunt.Connectors.Events;

/// <summary>Hands each event to the handlers for its type; events nobody handles are acknowledged and dropped.</summary>
public sealed class CommunicationEventDispatcher(IEnumerable<ICommunicationEventHandler> handlers, ILogger<CommunicationEventDispatcher> logger)
{
    private readonly ILookup<string, ICommunicationEventHandler> byType = handlers.ToLookup(h => h.EventType, StringComparer.OrdinalIgnoreCase);

    /// <summary>Throws when a handler fails, so the webhook answers 500 and Event Grid delivers again (handlers are idempotent).</summary>
    public async Task DispatchAsync(IEnumerable<CommunicationEvent> events, CancellationToken cancellationToken)
    {
        foreach (var communicationEvent in events)
        {
            var forType = byType[communicationEvent.Type].ToList();
            if (forType.Count == 0)
            {
                logger.LogInformation("Event of type {EventType} has no handler; acknowledged.", communicationEvent.Type);
                continue;
            }
            foreach (var handler in forType) await handler.HandleAsync(communicationEvent, cancellationToken);
        }
    }
}
