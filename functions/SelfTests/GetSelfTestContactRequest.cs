using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.SelfTests.Contact;
using Steunpunt.StaffAuth;

namespace Steunpunt.SelfTests;

/// <summary>One contact request with its contact detail; who opened it, and when, is recorded on the request first.</summary>
public sealed class GetSelfTestContactRequest(StaffAuthenticator auth, ContactRequestDesk desk)
{
    [Function(nameof(GetSelfTestContactRequest))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/selftest-contact-requests/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var (outcome, found) = await desk.OpenAsync(id, staff.Member!, cancellationToken);
        return ContactRequestAnswers.For(outcome, found, r => new JsonResponse(ContactRequestView.From(r))
        {
            // The answer holds a visitor's phone number or e-mail address: no cache may keep it.
            Headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store" },
        });
    }
}
