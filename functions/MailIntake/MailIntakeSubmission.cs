using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;
using Steunpunt.Common.Storage;

namespace Steunpunt.MailIntake;

/// <summary>
/// The mail form: checked, then put on the <c>mail-intake</c> queue before the answer, so what we accepted cannot
/// be lost; storing, the receipt and the staff notification follow from the queue.
/// </summary>
public sealed class MailIntakeSubmission(WorkQueue queue, MailSenderLimiter limiter, IOptions<MailIntakeOptions> options, TimeProvider clock, ILogger<MailIntakeSubmission> logger)
{
    /// <summary>The largest body the form, or a message through the continue page, may send.</summary>
    public const int MaxBodyBytes = 32 * 1024;

    public async Task<IActionResult> SubmitAsync(MailIntakeForm form, HttpRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!string.IsNullOrEmpty(form.Website))
        {
            // A bot filled in the hidden field: answer as usual, so it learns nothing, and do nothing.
            logger.LogInformation("Mail form: honeypot filled; not processed.");
            return Accepted(MailIntakeRules.Reference(Guid.NewGuid()), form.Language, now);
        }
        if (MailIntakeRules.Check(form, options.Value.MaxQuestionLength) is { } errors) return Problem.Validation("Controleer de gemarkeerde velden.", errors);
        if (await limiter.WriteAsync(request, cancellationToken) is { Refused: true } refused) return Problem.TooManyRequests(MailSenderLimiter.Detail, refused.RetryAfter);

        var caseId = Guid.NewGuid();
        var message = new MailIntakeMessage(MailIntakeMessage.CurrentSchemaVersion, caseId, MailIntakeRules.Reference(caseId), now,
            MailIntakeRules.NormaliseAddress(form.ReplyAddress)!, string.IsNullOrWhiteSpace(form.Name) ? null : form.Name.Trim(),
            form.CrimeType, form.Question.Trim(), form.ConsentToStore, form.Language ?? "nl", Sender.MailLinks.NewSecret());
        // A week on the queue at most: a message older than that has waited long enough to be looked at by a person (poison).
        await queue.SendAsync(StorageNames.Queues.MailIntake, message, TimeSpan.FromDays(7), cancellationToken);
        logger.LogInformation("Mail case {CaseId} accepted.", caseId);
        return Accepted(message.Reference, message.Language, now);
    }

    private IActionResult Accepted(string reference, string? language, DateTimeOffset now)
    {
        var by = WorkingDays.After(DateOnly.FromDateTime(now.UtcDateTime), options.Value.AnswerWithinWorkingDays);
        var text = language == "en"
            ? $"Thank you for your message. Your reference is {reference}. You will receive a confirmation by e-mail, and an answer by {by:d MMMM}."
            : $"Dank u voor uw bericht. Uw kenmerk is {reference}. U krijgt een bevestiging per e-mail en uiterlijk {by.ToString("d MMMM", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"))} een antwoord.";
        return new JsonResponse(new MailIntakeReceipt(reference, text, by), StatusCodes.Status202Accepted);
    }
}

public static class WorkingDays
{
    /// <summary>The date <paramref name="days"/> working days (Monday to Friday) after <paramref name="from"/>.</summary>
    public static DateOnly After(DateOnly from, int days)
    {
        var date = from;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days--;
        }
        return date;
    }
}
