using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>The chat for its visitor: state, place in the queue, messages after <c>?after=</c> (to resume after reconnecting).</summary>
public sealed class GetChat(VisitorChats chats)
{
    [Function(nameof(GetChat))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chats/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (session, problem) = await chats.AuthorizeAsync(id, request, cancellationToken);
        if (problem is not null) return problem;
        return await chats.GetAsync(session!, ChatCursor.Read(request), cancellationToken);
    }
}
