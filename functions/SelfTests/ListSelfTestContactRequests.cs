using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.SelfTests.Contact;
using Steunpunt.StaffAuth;

namespace Steunpunt.SelfTests;

/// <summary>The open contact requests, newest first, a page at a time (<c>?limit=&amp;cursor=</c>); without the contact detail.</summary>
public sealed class ListSelfTestContactRequests(StaffAuthenticator auth, ContactRequestDesk desk)
{
    [Function(nameof(ListSelfTestContactRequests))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/selftest-contact-requests")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var (page, problem) = PageQuery.Read(request, ContactRequestStore.IsOpenKey);
        if (problem is not null) return problem;
        var (requests, next) = await desk.OpenListAsync(page.After, page.Limit, cancellationToken);
        return new JsonResponse(new { requests, cursor = PageQuery.Cursor(next) });
    }
}
