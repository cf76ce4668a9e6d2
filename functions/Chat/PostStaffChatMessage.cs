using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;

namespace Steunpunt.Chat;

/// <summary>A message from the staff member who has the chat, relayed to the visitor.</summary>
public sealed class PostStaffChatMessage(StaffAuthenticator auth, StaffChats chats)
{
    [Function(nameof(PostStaffChatMessage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/chats/{id}/messages")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var body = await JsonBody.ReadAsync<PostMessageRequest>(request, BodyLimits.Message, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        return await chats.PostMessageAsync(id, staff.Member!, body.Value!, cancellationToken);
    }
}
