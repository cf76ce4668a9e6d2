using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.StaffAuth;

namespace Steunpunt.StaffNotifications;

/// <summary>Catch-up for a staff console that connects (again): the notifications since an instant, oldest first.</summary>
public sealed class ListStaffNotifications(StaffAuthenticator auth, StaffNotificationCatchUp catchUp)
{
    [Function(nameof(ListStaffNotifications))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/notifications")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await catchUp.ListAsync(request, cancellationToken);
    }
}
