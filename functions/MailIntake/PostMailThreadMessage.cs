using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;
using Steunpunt.MailIntake.Sender;

namespace Steunpunt.MailIntake;

/// <summary>
/// The sender writes again through the continue page: the form's rules (text, body size, honeypot, the limit per client
/// address, shared with the form), then stored in the thread; staff get <c>mail-message</c>.
/// </summary>
public sealed class PostMailThreadMessage(SenderThread thread, MailSenderLimiter limiter, IOptions<MailIntakeOptions> options, ILogger<PostMailThreadMessage> logger)
{
    [Function(nameof(PostMailThreadMessage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "mail/thread/messages")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (MailThreadAnswers.Token(request) is not { } token) return MailThreadAnswers.NoToken();
        var body = await JsonBody.ReadAsync<SenderMessageRequest>(request, MailIntakeSubmission.MaxBodyBytes, cancellationToken);
        if (body.Problem is not null) return body.Problem;
        var message = body.Value!;
        if (MailIntakeRules.Check(message, options.Value.MaxQuestionLength) is { } error) return Problem.Validation("text", error);
        if (await thread.OpenAsync(token, cancellationToken) is not { } mailCase) return MailThreadAnswers.NotFound();
        if (!string.IsNullOrEmpty(message.Website))
        {
            // A bot filled in the hidden field: answer as usual, so it learns nothing, and do nothing.
            logger.LogInformation("Continue page: honeypot filled; not processed.");
            return MailThreadAnswers.Ok(thread.Pretend(mailCase), StatusCodes.Status201Created);
        }
        if (await limiter.WriteAsync(request, cancellationToken) is { Refused: true } refused) return Problem.TooManyRequests(MailSenderLimiter.Detail, refused.RetryAfter);

        var (outcome, added) = await thread.AddAsync(mailCase, message.Text, cancellationToken);
        return outcome switch
        {
            SenderMessageOutcome.Added => MailThreadAnswers.Ok(added!, StatusCodes.Status201Created),
            SenderMessageOutcome.NotFound => MailThreadAnswers.NotFound(),
            _ => Problem.Create(StatusCodes.Status503ServiceUnavailable, "busy", "Even druk.", "Uw bericht kon nu niet worden opgeslagen. Probeer het opnieuw."),
        };
    }
}
