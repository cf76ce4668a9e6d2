using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Steunpunt.Common.Http;
using Steunpunt.MailIntake.Sender;

namespace Steunpunt.MailIntake;

/// <summary>The HTTP answers of the continue page's endpoints: never cached (they hold the thread), and one 404 for every link that opens nothing.</summary>
internal static class MailThreadAnswers
{
    private static readonly IReadOnlyDictionary<string, string> NoStore = new Dictionary<string, string> { ["Cache-Control"] = "no-store" };

    public static string? Token(HttpRequest request) => request.Headers[MailLinks.Header].ToString() is { Length: > 0 } token ? token : null;

    public static IActionResult NoToken()
        => Problem.Unauthorized($"Open de link uit uw e-mail van Steunpunt; de pagina stuurt de code uit de link mee in de header '{MailLinks.Header}'.");

    /// <summary>The same for a wrong secret, a malformed link, an unknown case and an erased one.</summary>
    public static IActionResult NotFound()
        => Problem.NotFound("We kunnen dit gesprek niet (meer) vinden. Gebruik de link uit de laatste e-mail die u van ons kreeg, of stuur een nieuw bericht via het contactformulier.");

    public static IActionResult Ok(object value, int status = StatusCodes.Status200OK) => new JsonResponse(value, status) { Headers = NoStore };
}
