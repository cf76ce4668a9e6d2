using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.SelfTests;

public sealed class SubmitSelfTestResponse(SubmitResponseHandler handler)
{
    [Function(nameof(SubmitSelfTestResponse))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "selftests/{id}/responses")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<SubmitResponseRequest>(request, cancellationToken: cancellationToken);
        return body.Problem ?? await handler.HandleAsync(id, body.Value!, request, cancellationToken);
    }
}
