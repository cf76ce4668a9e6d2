using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>Satisfaction (1-5, optional comment) after the chat ended.</summary>
public sealed class RateChat(VisitorChats chats)
{
    [Function(nameof(RateChat))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chats/{id}/satisfaction")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (session, problem) = await chats.AuthorizeAsync(id, request, cancellationToken);
        if (problem is not null) return problem;
        var body = await JsonBody.ReadAsync<SatisfactionRequest>(request, BodyLimits.Message, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        return await chats.RateAsync(session!, body.Value!, cancellationToken);
    }
}
