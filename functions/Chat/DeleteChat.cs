using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>"Delete my conversation": the transcript is erased at once.</summary>
public sealed class DeleteChat(VisitorChats chats)
{
    [Function(nameof(DeleteChat))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "chats/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (session, problem) = await chats.AuthorizeAsync(id, request, cancellationToken);
        if (problem is not null) return problem;
        return await chats.DeleteAsync(session!, cancellationToken);
    }
}
