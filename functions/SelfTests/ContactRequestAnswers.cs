using Microsoft.AspNetCore.Mvc;
using Steunpunt.Common.Http;
using Steunpunt.SelfTests.Contact;

namespace Steunpunt.SelfTests;

/// <summary>The answers of the contact-request endpoints for an outcome of the desk.</summary>
internal static class ContactRequestAnswers
{
    public static IActionResult For(ContactDeskOutcome outcome, ContactRequest? request, Func<ContactRequest, IActionResult> done) => outcome switch
    {
        ContactDeskOutcome.NotFound => Problem.NotFound("Dit contactverzoek bestaat niet. Controleer het nummer uit de melding."),
        ContactDeskOutcome.Busy => Problem.ServiceUnavailable("Het contactverzoek wordt net door collega's bijgewerkt. Probeer het zo opnieuw."),
        _ => done(request!),
    };
}
