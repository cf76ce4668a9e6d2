using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors;
using Steunpunt.Connectors.Email;
using Steunpunt.MailIntake.Cases;
using Steunpunt.MailIntake.Sender;

namespace Steunpunt.MailIntake.Staff;

/// <summary>Sends one queued staff reply; the Operation-Id comes from case and sequence, so a redelivery sends no second mail.</summary>
public sealed class MailReplySender(MailCaseStore store, IEmailSender email, IOptions<MailIntakeOptions> options, ILogger<MailReplySender> logger)
{
    public async Task SendAsync(MailReplyMessage message, CancellationToken cancellationToken)
    {
        var mailCase = await store.FindAsync(message.CaseId, cancellationToken);
        var entry = mailCase is null ? null : await store.EntryAsync(message.CaseId, message.Sequence, cancellationToken);
        if (mailCase is null || entry is null)
        {
            // Erased in the meantime (the retention purge): nothing to send, nothing to retry.
            logger.LogWarning("Reply {Sequence} to mail case {CaseId} no longer exists; not sent.", message.Sequence, message.CaseId);
            return;
        }
        if (entry.Delivery == "sent") return;

        // Completed: the thread shows staff whether the reply was sent or failed.
        var result = await email.SendAsync(MailTexts.Reply(mailCase, entry, options.Value.SatisfactionUrl,
                message.LinkSecret is { } secret ? MailLinks.Url(options.Value.ContinueUrl, message.CaseId, secret) : null),
            new IdempotencyKey($"mail-reply/{message.CaseId}/{message.Sequence}", entry.At), WaitUntil.Completed, cancellationToken);
        entry.Delivery = result.Status == EmailSendStatus.Failed ? "failed" : "sent";
        entry.OperationId = result.OperationId;
        await store.UpdateEntryAsync(entry, cancellationToken);
        logger.LogInformation("Reply {Sequence} to mail case {CaseId}: {Status}.", message.Sequence, message.CaseId, result.Status);
    }
}
