using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>"The visitor is typing", pushed to the staff member.</summary>
public sealed class SendVisitorTyping(VisitorChats chats)
{
    [Function(nameof(SendVisitorTyping))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chats/{id}/typing")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (session, problem) = await chats.AuthorizeAsync(id, request, cancellationToken);
        if (problem is not null) return problem;
        return await chats.TypingAsync(session!, cancellationToken);
    }
}
