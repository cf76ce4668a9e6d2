using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.MailIntake.Sender;

namespace Steunpunt.MailIntake;

/// <summary>The continue page reads the thread of the sender's case: the token from the link's fragment comes in <c>X-Mail-Secret</c>.</summary>
public sealed class GetMailThread(SenderThread thread)
{
    [Function(nameof(GetMailThread))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "mail/thread")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (MailThreadAnswers.Token(request) is not { } token) return MailThreadAnswers.NoToken();
        var mailCase = await thread.OpenAsync(token, cancellationToken);
        return mailCase is null ? MailThreadAnswers.NotFound() : MailThreadAnswers.Ok(await thread.ViewAsync(mailCase, cancellationToken));
    }
}
