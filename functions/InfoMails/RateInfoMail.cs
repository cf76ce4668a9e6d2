using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.InfoMails;

/// <summary>Anonymous: the website's satisfaction page posts the recipient's rating (1-5, optional comment), once per mail.</summary>
public sealed class RateInfoMail(InfoMailRequests requests)
{
    [Function(nameof(RateInfoMail))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "info-mails/{id}/satisfaction")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<InfoMailSatisfactionRequest>(request, BodyLimits.Small, cancellationToken);
        return body.Problem ?? await requests.RateAsync(id, body.Value!, request, cancellationToken);
    }
}
