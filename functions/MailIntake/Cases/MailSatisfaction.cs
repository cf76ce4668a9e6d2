using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Steunpunt.Common;
using Steunpunt.Common.Http;

namespace Steunpunt.MailIntake.Cases;

/// <summary>The whitepaper's "satisfied with the clarity of the answer": one score per answered case.</summary>
public sealed class MailSatisfaction(MailCaseStore store, MailSenderLimiter limits)
{
    /// <summary>The sender rates an answer (from the link in the reply): once, 1-5, optional comment kept with the case.</summary>
    public async Task<IActionResult> RateAsync(string id, MailSatisfactionRequest request, HttpRequest http, CancellationToken cancellationToken)
    {
        if (!Ratings.IsValid(request.Score)) return Problem.Validation("score", Ratings.OutOfRange);
        if (request.Comment is { Length: > 1000 }) return Problem.Validation("comment", "Uw toelichting mag hoogstens 1000 tekens zijn.");
        if (!FreeText.IsText(request.Comment)) return Problem.Validation("comment", $"Uw toelichting {FreeText.NotAllowed}.");
        if (await limits.RatingAsync(http, cancellationToken) is { Refused: true } refused) return Problem.TooManyRequests("Er zijn vanaf dit adres te veel beoordelingen gestuurd. Probeer het later opnieuw.", refused.RetryAfter);
        var mailCase = await store.FindAsync(id, cancellationToken);
        if (mailCase is null) return Problem.NotFound("We kunnen dit bericht niet (meer) vinden.");
        if (mailCase.FirstAnswerAt is null) return Problem.Conflict("not-answered", "Nog geen antwoord.", "U kunt een antwoord beoordelen nadat u het heeft gekregen.");
        if (mailCase.Satisfaction is not null) return Problem.Conflict("already-rated", "Al beoordeeld.", "U heeft dit antwoord al beoordeeld. Dank u wel!");
        mailCase.Satisfaction = request.Score;
        mailCase.SatisfactionComment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (!await store.TryUpdateAsync(mailCase, mailCase.Status, cancellationToken)) return Problem.Conflict("already-rated", "Al beoordeeld.", "Probeer het opnieuw.");
        await store.RecordStatsAsync(mailCase, new Dictionary<string, object?> { ["Satisfaction"] = request.Score }, cancellationToken);
        return new JsonResponse(new { score = request.Score, message = mailCase.Language == "en" ? "Thank you for your rating." : "Dank u wel voor uw beoordeling." });
    }
}
