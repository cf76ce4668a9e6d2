using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.SelfTests.Contact;
using Steunpunt.StaffAuth;

namespace Steunpunt.SelfTests;

/// <summary>Marks a contact request handled (who, when); it leaves the open list. Again is not an error.</summary>
public sealed class HandleSelfTestContactRequest(StaffAuthenticator auth, ContactRequestDesk desk)
{
    [Function(nameof(HandleSelfTestContactRequest))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/selftest-contact-requests/{id}/handled")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var (outcome, found) = await desk.HandleAsync(id, staff.Member!, cancellationToken);
        // Without the contact detail: only opening the request hands that out (and records it).
        return ContactRequestAnswers.For(outcome, found, r => new JsonResponse(new { id = r.Id, status = r.Status, r.HandledAt, r.HandledBy, r.HandledByName }));
    }
}
