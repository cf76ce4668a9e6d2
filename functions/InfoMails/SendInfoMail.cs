using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;

namespace Steunpunt.InfoMails;

/// <summary>Staff: queue an information mail (202 with its id); <see cref="DeliverInfoMail"/> sends it.</summary>
public sealed class SendInfoMail(StaffAuthenticator auth, InfoMailRequests requests)
{
    [Function(nameof(SendInfoMail))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "info-mails")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var body = await JsonBody.ReadAsync<InfoMailRequest>(request, InfoMailRules.MaxBodyBytes, cancellationToken);
        return body.Problem ?? await requests.SendAsync(body.Value!, staff.Member!, cancellationToken);
    }
}
