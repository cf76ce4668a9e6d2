using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;

namespace Steunpunt.Chat;

/// <summary>Staff end a chat.</summary>
public sealed class CloseStaffChat(StaffAuthenticator auth, StaffChats chats)
{
    [Function(nameof(CloseStaffChat))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/chats/{id}/close")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await chats.CloseAsync(id, staff.Member!, cancellationToken);
    }
}
