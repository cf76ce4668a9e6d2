using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.MailIntake;

/// <summary>The website's mail form (anonymous): 202 with a reference number once the request is safely queued.</summary>
public sealed class SubmitMailIntake(MailIntakeSubmission submission)
{
    [Function(nameof(SubmitMailIntake))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mail-intake")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<MailIntakeForm>(request, MailIntakeSubmission.MaxBodyBytes, cancellationToken);
        return body.Problem ?? await submission.SubmitAsync(body.Value!, request, cancellationToken);
    }
}
