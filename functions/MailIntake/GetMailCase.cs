using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.MailIntake.Staff;
using Steunpunt.StaffAuth;

namespace Steunpunt.MailIntake;

/// <summary>One case with its thread in order, for its owner and supervisors once it is claimed; the read is recorded.</summary>
public sealed class GetMailCase(StaffAuthenticator auth, StaffMail mail)
{
    [Function(nameof(GetMailCase))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/mail/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await mail.GetAsync(id, staff.Member!, cancellationToken);
    }
}
