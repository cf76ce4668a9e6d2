using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.MailIntake.Staff;
using Steunpunt.StaffAuth;

namespace Steunpunt.MailIntake;

/// <summary>The staff inbox by status (<c>?status=new|assigned|answered|closed</c>, default new), oldest first.</summary>
public sealed class ListMailInbox(StaffAuthenticator auth, StaffMail mail)
{
    [Function(nameof(ListMailInbox))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/mail")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await mail.InboxAsync(request.Query["status"].FirstOrDefault(), cancellationToken);
    }
}
