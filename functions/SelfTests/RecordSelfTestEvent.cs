using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.SelfTests;

public sealed class RecordSelfTestEvent(RecordEventHandler handler)
{
    [Function(nameof(RecordSelfTestEvent))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "selftests/{id}/events")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RecordEventRequest>(request, BodyLimits.Tiny, cancellationToken);
        return body.Problem ?? await handler.HandleAsync(id, body.Value!, request, cancellationToken);
    }
}
