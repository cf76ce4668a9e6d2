using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;

namespace Steunpunt.Chat;

/// <summary>The waiting list for staff, longest waiting first, with wait times.</summary>
public sealed class ListWaitingChats(StaffAuthenticator auth, StaffChats chats)
{
    [Function(nameof(ListWaitingChats))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/chats/waiting")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await chats.WaitingAsync(cancellationToken);
    }
}
