using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.Health;

public sealed class GetHealth(StorageHealthCheck check)
{
    [Function(nameof(GetHealth))]
    public async Task<JsonResponse<HealthReport>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await check.CheckAsync(cancellationToken);
        return new JsonResponse<HealthReport>(report, report.Status == "healthy" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
