using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>SignalR negotiate for the visitor of this chat: a short-lived token for this chat's user only.</summary>
public sealed class NegotiateChatConnection(VisitorChats chats)
{
    [Function(nameof(NegotiateChatConnection))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chats/{id}/negotiate")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (session, problem) = await chats.AuthorizeAsync(id, request, cancellationToken);
        if (problem is not null) return problem;
        return await chats.NegotiateAsync(session!, cancellationToken);
    }
}
