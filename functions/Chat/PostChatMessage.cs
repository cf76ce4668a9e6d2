using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>A message from the visitor, relayed to the staff member who has the chat.</summary>
public sealed class PostChatMessage(VisitorChats chats)
{
    [Function(nameof(PostChatMessage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chats/{id}/messages")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (session, problem) = await chats.AuthorizeAsync(id, request, cancellationToken, forAppend: true);
        if (problem is not null) return problem;
        var body = await JsonBody.ReadAsync<PostMessageRequest>(request, BodyLimits.Message, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        return await chats.PostMessageAsync(session!, body.Value!, cancellationToken);
    }
}
