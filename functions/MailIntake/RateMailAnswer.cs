using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.MailIntake.Cases;

namespace Steunpunt.MailIntake;

/// <summary>Anonymous: the satisfaction page posts the case id from the link in the reply (a random reference, no token).</summary>
public sealed class RateMailAnswer(MailSatisfaction satisfaction)
{
    [Function(nameof(RateMailAnswer))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mail/{id}/satisfaction")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<MailSatisfactionRequest>(request, BodyLimits.Small, cancellationToken);
        return body.Problem ?? await satisfaction.RateAsync(id, body.Value!, request, cancellationToken);
    }
}
