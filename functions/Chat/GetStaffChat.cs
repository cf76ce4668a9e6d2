using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;

namespace Steunpunt.Chat;

/// <summary>A chat for staff, messages after <c>?after=</c>.</summary>
public sealed class GetStaffChat(StaffAuthenticator auth, StaffChats chats)
{
    [Function(nameof(GetStaffChat))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/chats/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await chats.GetAsync(id, staff.Member!, ChatCursor.Read(request), cancellationToken);
    }
}
