using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.MailIntake.Staff;
using Steunpunt.StaffAuth;

namespace Steunpunt.MailIntake;

/// <summary>Take a case; of colleagues claiming at once one wins.</summary>
public sealed class ClaimMailCase(StaffAuthenticator auth, StaffMail mail)
{
    [Function(nameof(ClaimMailCase))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/mail/{id}/claim")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await mail.ClaimAsync(id, staff.Member!, cancellationToken);
    }
}
