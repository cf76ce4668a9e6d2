using Azure;
using Microsoft.Extensions.Logging;
using Steunpunt.Connectors;
using Steunpunt.Connectors.CommunicationServices;
using Steunpunt.Connectors.Email;
using Steunpunt.InfoMails.Composing;

namespace Steunpunt.InfoMails;

/// <summary>
/// Sends one queued information mail. The idempotency key is the mail's own id with its creation time, so a retried send and
/// a redelivered message are the same operation at the mail service: never a second mail. Logs ids and outcomes only.
/// </summary>
public sealed class InfoMailDelivery(InfoMailStore store, InfoMailComposer composer, IEmailSender sender, TimeProvider clock, ILogger<InfoMailDelivery> logger)
{
    public static IdempotencyKey KeyFor(InfoMailMessage message) => new("info-mail/" + InfoMailIds.Reference(message.InfoMailId), message.CreatedAt);

    public async Task DeliverAsync(InfoMailMessage message, CancellationToken cancellationToken)
    {
        var row = await store.BeginAsync(message, cancellationToken);
        var status = row.GetString("Status");
        if (InfoMailStatus.IsFinal(status))
        {
            logger.LogInformation("Information mail {InfoMailId} was already handled ({Status}); not sent again.", message.InfoMailId, status);
            return;
        }

        var mail = composer.Compose(new InfoMailDraft(message.CrimeType, message.Language, message.Name, message.Blocks), InfoMailIds.Reference(message.InfoMailId));
        var email = new EmailMessage([new EmailAddress(message.Recipient, string.IsNullOrWhiteSpace(message.Name) ? null : message.Name.Trim())], mail.Subject, mail.Text, mail.Html);
        EmailSendResult result;
        try
        {
            // Completed: the outcome (sent or failed) is recorded on the mail, for staff.
            result = await sender.SendAsync(email, KeyFor(message), WaitUntil.Completed, cancellationToken);
        }
        catch (CommunicationServiceException exception) when (exception.Status == 400)
        {
            // The service will refuse this message however often we try: record it rather than retry into the poison queue.
            await store.RecordOutcomeAsync(message, InfoMailStatus.Failed, null, exception.ErrorCode ?? "BadRequest", clock.GetUtcNow(), cancellationToken);
            logger.LogWarning("Information mail {InfoMailId} refused by the mail service ({ErrorCode}).", message.InfoMailId, exception.ErrorCode);
            return;
        }

        var outcome = result.Status switch
        {
            EmailSendStatus.Succeeded => InfoMailStatus.Sent,
            EmailSendStatus.Failed or EmailSendStatus.Canceled => InfoMailStatus.Failed,
            _ => InfoMailStatus.Accepted,
        };
        await store.RecordOutcomeAsync(message, outcome, result.OperationId, result.ErrorCode, clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("Information mail {InfoMailId}: {Status} (operation {OperationId}).", message.InfoMailId, outcome, result.OperationId);
    }
}
