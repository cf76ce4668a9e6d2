using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;

namespace Steunpunt.InfoMails;

/// <summary>Staff: the mail exactly as it would be sent (subject, HTML, plain text, blocks), without storing or sending anything.</summary>
public sealed class PreviewInfoMail(StaffAuthenticator auth, InfoMailRequests requests)
{
    [Function(nameof(PreviewInfoMail))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "info-mails/preview")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var body = await JsonBody.ReadAsync<InfoMailRequest>(request, InfoMailRules.MaxBodyBytes, cancellationToken);
        return body.Problem ?? requests.Preview(body.Value!);
    }
}
