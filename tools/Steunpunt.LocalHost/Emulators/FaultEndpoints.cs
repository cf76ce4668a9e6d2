using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Steunpunt.Common.Http;
using Steunpunt.Common.Json;

namespace Steunpunt.LocalHost.Emulators;

/// <summary><c>/dev/faults</c>: add, list and clear the faults the emulators inject.</summary>
public static class FaultEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/dev/faults", (FaultInjector faults) => Results.Json(faults.Active(), JsonDefaults.Web));

        app.MapPost("/dev/faults", async (HttpRequest request, FaultInjector faults) =>
        {
            var body = await JsonBody.ReadAsync<FaultRule>(request, 4096, request.HttpContext.RequestAborted);
            if (body.Problem is not null) return EmulatorResults.From(body.Problem);
            var rule = body.Value!;
            if (!FaultInjector.Targets.Contains(rule.Target, StringComparer.OrdinalIgnoreCase))
            {
                return EmulatorResults.From(Problem.BadRequest($"'target' must be one of: {string.Join(", ", FaultInjector.Targets)}."));
            }
            if (rule.Status is { } status && (status < 400 || status > 599))
            {
                return EmulatorResults.From(Problem.BadRequest("'status' must be an HTTP error status (400-599)."));
            }
            if (rule.RecipientStatus is { } recipientStatus && (recipientStatus < 400 || recipientStatus > 599 || rule.Recipient is null || !string.Equals(rule.Target, "sms", StringComparison.OrdinalIgnoreCase)))
            {
                return EmulatorResults.From(Problem.BadRequest("'recipientStatus' must be an HTTP error status (400-599), for target 'sms' and one 'recipient'."));
            }
            if (rule.Times < 0 || rule.LatencyMs is < 0 or > 120_000)
            {
                return EmulatorResults.From(Problem.BadRequest("'times' must be 0 or more and 'latencyMs' between 0 and 120000."));
            }
            faults.Add(rule);
            return Results.Json(faults.Active(), JsonDefaults.Web, statusCode: StatusCodes.Status201Created);
        });

        app.MapDelete("/dev/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
    }
}
