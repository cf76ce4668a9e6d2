using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// The negotiate endpoint of the staff hub: a SignalR client with hub URL <c>{functions}/api/staff</c> posts to
/// <c>/api/staff/negotiate</c> with the staff token, and is sent on to the SignalR Service with <c>{url, accessToken}</c>.
/// </summary>
public sealed class NegotiateStaffConnection(StaffAuthenticator auth, StaffConnectionNegotiator negotiator, ILogger<NegotiateStaffConnection> logger)
{
    [Function(nameof(NegotiateStaffConnection))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/negotiate")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;

        try
        {
            var connection = await negotiator.NegotiateAsync(staff.Member!, cancellationToken);
            // The body holds a token: no cache may keep it.
            return new JsonResponse(connection) { Headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store" } };
        }
        catch (RequestFailedException exception)
        {
            logger.LogWarning("SignalR Service refused the staff negotiation: {Status} {ErrorCode}.", exception.Status, exception.ErrorCode);
            return Problem.ServiceUnavailable("Meldingen in realtime zijn nu niet beschikbaar. Probeer het over een minuut opnieuw.");
        }
    }
}
