using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;

namespace Steunpunt.Chat;

/// <summary>Take a waiting chat; of colleagues claiming at once exactly one wins, the others get 409.</summary>
public sealed class ClaimChat(StaffAuthenticator auth, StaffChats chats)
{
    [Function(nameof(ClaimChat))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/chats/{id}/claim")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await chats.ClaimAsync(id, staff.Member!, cancellationToken);
    }
}
