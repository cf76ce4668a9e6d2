using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>Is the chat open? The widget asks before the visitor types; closed comes with the next opening and the alternatives.</summary>
public sealed class GetChatAvailability(ChatAvailabilityQuery availability)
{
    [Function(nameof(GetChatAvailability))]
    public JsonResponse<AvailabilityView> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chats/availability")] HttpRequest request)
        => new(availability.Now());
}
