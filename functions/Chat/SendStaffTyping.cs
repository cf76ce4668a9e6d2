using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;

namespace Steunpunt.Chat;

/// <summary>"The staff member is typing", pushed to the visitor.</summary>
public sealed class SendStaffTyping(StaffAuthenticator auth, StaffChats chats)
{
    [Function(nameof(SendStaffTyping))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/chats/{id}/typing")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await chats.TypingAsync(id, staff.Member!, cancellationToken);
    }
}
