using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.MailIntake.Staff;
using Steunpunt.StaffAuth;

namespace Steunpunt.MailIntake;

/// <summary>Reply by mail: HTML sanitised with a plain-text alternative; stored in the thread, then queued and sent.</summary>
public sealed class ReplyToMailCase(StaffAuthenticator auth, StaffMail mail)
{
    [Function(nameof(ReplyToMailCase))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/mail/{id}/replies")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var body = await JsonBody.ReadAsync<StaffReplyRequest>(request, BodyLimits.Reply, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        return await mail.ReplyAsync(id, staff.Member!, body.Value!, cancellationToken);
    }
}
