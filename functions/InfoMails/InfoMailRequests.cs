using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;
using Steunpunt.Common.RateLimits;
using Steunpunt.Common.Storage;
using Steunpunt.StaffAuth;

namespace Steunpunt.InfoMails;

/// <summary>What the staff and satisfaction endpoints do once their body is read: validate, compose or queue, record a rating.</summary>
public sealed class InfoMailRequests(
    InfoMailComposer composer, InfoMailStore store, WorkQueue queue, IOptions<InfoMailOptions> options, RateLimiter limiter, TimeProvider clock, ILogger<InfoMailRequests> logger)
{
    public IActionResult Preview(InfoMailRequest request)
    {
        var (valid, errors) = InfoMailRules.Validate(request, composer.Catalog, recipientRequired: false);
        if (valid is null) return Problem.Validation(InfoMailRules.Detail(errors), errors);
        var mail = composer.Compose(valid.Draft, InfoMailComposer.PreviewReference);
        return new JsonResponse(new InfoMailPreview(mail.Subject, mail.Html, mail.Text, mail.Blocks))
        {
            Headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store" },
        };
    }

    public async Task<IActionResult> SendAsync(InfoMailRequest request, StaffMember staff, CancellationToken cancellationToken)
    {
        var (valid, errors) = InfoMailRules.Validate(request, composer.Catalog, recipientRequired: true);
        if (valid is null) return Problem.Validation(InfoMailRules.Detail(errors), errors);

        var now = clock.GetUtcNow();
        var id = InfoMailIds.New(now);
        var draft = valid.Draft;
        // Queued before we answer: once staff see "queued", the mail cannot be lost.
        await queue.SendAsync(StorageNames.Queues.InfoMails,
            new InfoMailMessage(InfoMailMessage.CurrentSchemaVersion, id, now, valid.Recipient!, draft.Name, draft.CrimeType, draft.Language, draft.Blocks, staff.Subject),
            options.Value.QueueMessageTimeToLive, cancellationToken);
        logger.LogInformation("Information mail {InfoMailId} queued: {CrimeType}, {Language}, {BlockCount} blocks.", id, draft.CrimeType, draft.Language, draft.Blocks.Count);
        return new JsonResponse(new InfoMailAccepted(id, "queued", draft.CrimeType, draft.Language, draft.Blocks), StatusCodes.Status202Accepted);
    }

    public async Task<IActionResult> RateAsync(string id, InfoMailSatisfactionRequest request, HttpRequest http, CancellationToken cancellationToken)
    {
        if (InfoMailRules.CheckSatisfaction(request, out var field) is { } problem) return Problem.Validation(field, problem);
        if (!InfoMailIds.TryParse(id, out var mailId, out var createdAt)) return NotFound();
        if (await limiter.ForClientAsync(RateLimit.PerHour("infomail-ratings", options.Value.RatingsPerHourPerAddress), http, cancellationToken) is { Refused: true } refused)
        {
            return Problem.TooManyRequests("Er zijn vanaf dit adres te veel beoordelingen gestuurd. Probeer het later opnieuw.", refused.RetryAfter);
        }

        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        return await store.RateAsync(mailId, createdAt, request.Score, comment, clock.GetUtcNow(), cancellationToken) switch
        {
            RatingOutcome.Recorded => new JsonResponse(new { score = request.Score, message = "Dank u wel voor uw beoordeling." }),
            RatingOutcome.AlreadyRated => Problem.Conflict("already-rated", "Al beoordeeld.", "Deze mail is al beoordeeld. Dank u wel!"),
            _ => NotFound(),
        };
    }

    private static IActionResult NotFound() => Problem.NotFound("Deze informatiemail bestaat niet (meer). Controleer de link in uw mail.");
}
