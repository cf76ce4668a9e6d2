using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;

namespace Steunpunt.Chat;

/// <summary>Hand a chat to a colleague.</summary>
public sealed class TransferChat(StaffAuthenticator auth, StaffChats chats)
{
    [Function(nameof(TransferChat))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/chats/{id}/transfer")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var body = await JsonBody.ReadAsync<TransferRequest>(request, BodyLimits.Message, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        return await chats.TransferAsync(id, staff.Member!, body.Value!, cancellationToken);
    }
}
