using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>Starts an anonymous chat: 201 with the chat id and the visitor's token (keep it; it is shown once), or 409 when closed.</summary>
public sealed class StartChat(VisitorChats chats)
{
    [Function(nameof(StartChat))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chats")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadOptionalAsync(request, () => new StartChatRequest(), BodyLimits.Small, cancellationToken);
        return body.Problem ?? await chats.StartAsync(body.Value!, request, cancellationToken);
    }
}
