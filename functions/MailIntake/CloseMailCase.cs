using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.MailIntake.Staff;
using Steunpunt.StaffAuth;

namespace Steunpunt.MailIntake;

/// <summary>Close a case.</summary>
public sealed class CloseMailCase(StaffAuthenticator auth, StaffMail mail)
{
    [Function(nameof(CloseMailCase))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/mail/{id}/close")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await mail.CloseAsync(id, staff.Member!, cancellationToken);
    }
}
