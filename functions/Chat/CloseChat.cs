using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>The visitor ends the chat.</summary>
public sealed class CloseChat(VisitorChats chats)
{
    [Function(nameof(CloseChat))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chats/{id}/close")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (session, problem) = await chats.AuthorizeAsync(id, request, cancellationToken);
        if (problem is not null) return problem;
        return await chats.CloseAsync(session!, cancellationToken);
    }
}
