using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors;
using Steunpunt.Connectors.Email;
using Steunpunt.Common.Notifications;
using Steunpunt.MailIntake.Sender;

namespace Steunpunt.MailIntake.Cases;

/// <summary>
/// Turns a queued mail-form message into a case: store (with "wrote before?"), tell staff, send the receipt.
/// Every step is idempotent, so a redelivered message finishes what the first delivery started and sends no second receipt:
/// the case is keyed by its id, the receipt's Operation-Id comes from the case id, the notification id too.
/// </summary>
/// <remarks>
/// Nearly every message comes once, so the first delivery does not look for the case: it stores it straight away, and
/// the store's "already exists" is what tells a redelivery, which then reads the case and carries on from there. Per
/// new case that is five writes: the sender (<see cref="MailSenders.SeenBeforeAsync"/>), the case (with the question), the inbox
/// row, the statistics row and the stored notification (delivered from here rather than through a second queue message),
/// then the push to staff and the receipt (sent, not waited for).
/// </remarks>
public sealed class MailCaseIntake(
    MailCaseStore store, MailSenders senders, MailLinkKeys links, IEmailSender email, IStaffNotifications notifier, IOptions<MailIntakeOptions> options,
    MailSenderLimiter limits, ILogger<MailCaseIntake> logger)
{
    public async Task HandleAsync(MailIntakeMessage message, CancellationToken cancellationToken)
    {
        var id = message.CaseId.ToString("N");
        var hash = await senders.HashAsync(message.ReplyAddress, cancellationToken);
        // No secret in an older message (docs/decisions/0006): its receipt points to the form, so every delivery sends the same mail.
        var linkSecret = message.LinkSecret;
        var mailCase = new MailCase
        {
            PartitionKey = id,
            Reference = message.Reference,
            ReceivedAt = message.ReceivedAt,
            ReplyAddress = message.ReplyAddress,
            Name = message.Name,
            CrimeType = message.CrimeType,
            ConsentToStore = message.ConsentToStore,
            Language = message.Language,
            // Asked again on a redelivery, with the same answer: it compares the first case remembered with this one.
            RepeatContact = await senders.SeenBeforeAsync(hash, id, message.ReceivedAt, cancellationToken),
            LinkHashes = linkSecret is null ? null : await links.HashAsync(id, linkSecret, cancellationToken),
        };
        var created = await store.TryCreateAsync(mailCase, message.Question, cancellationToken);
        if (!created)
        {
            // A redelivery: what was stored first counts (staff may have claimed or answered it since).
            mailCase = await store.FindAsync(id, cancellationToken) ?? throw new InvalidOperationException("The case was stored and is gone.");
            await store.EnsureInInboxAsync(mailCase, cancellationToken);
        }
        // Before anything else can fail: the nightly purge finds cases by their statistics rows, so no case may be without one.
        var facts = new Dictionary<string, object?>
        {
            ["ReceivedAt"] = mailCase.ReceivedAt,
            ["CrimeType"] = mailCase.CrimeType ?? "",
            ["RepeatContact"] = mailCase.RepeatContact,
            ["ConsentToStore"] = mailCase.ConsentToStore,
        };
        if (created) await store.RecordFirstStatsAsync(mailCase, facts, cancellationToken);
        else await store.RecordStatsAsync(mailCase, facts, cancellationToken);

        // Staff hear of the case before the receipt goes out: should the mail service be down, the case is stored, in the
        // inbox and known to staff while the message waits for its next attempt. Delivered from here (stored and pushed),
        // queued only when that fails (the StaffNotifications slice decides, per kind).
        await notifier.RaiseAsync(StaffNotificationKinds.MailReceived, id, mailCase.ReceivedAt,
            new Dictionary<string, string>
            {
                ["reference"] = mailCase.Reference,
                ["crimeType"] = mailCase.CrimeType ?? "",
                ["repeatContact"] = mailCase.RepeatContact ? "true" : "false",
            },
            idempotencyKey: id, cancellationToken);

        // The last step, so the only thing after it that can bring the message back is the delete of the message itself: a
        // redelivery then sends the receipt again with the same Operation-Id, the same operation to the service (see
        // IEmailSender), as after a 500 that came once the mail was accepted. No mark on the case after the send: it would
        // leave a window of the same size (between the send and the mark) and cost a write per form.
        // Started: once the service has accepted the receipt it is the service's to deliver, and nothing here would be
        // done differently on its outcome.
        // Counted on the first delivery only, so a redelivery sends the receipt the first one was allowed. Over the limit the
        // case stays taken in; the mailbox of someone whose address a stranger types in gets no more than the limit a day.
        if (created && (await limits.ReceiptAsync(message.ReplyAddress, cancellationToken)).Refused)
        {
            logger.LogWarning("Receipt for mail case {CaseId} not sent: its address had {Limit} receipts today.", id, options.Value.ReceiptsPerDayPerRecipient);
            return;
        }
        var answerBy = WorkingDays.After(DateOnly.FromDateTime(mailCase.ReceivedAt.UtcDateTime), options.Value.AnswerWithinWorkingDays);
        var result = await email.SendAsync(MailTexts.Receipt(mailCase, answerBy, options.Value.Phone,
            linkSecret is null ? null : MailLinks.Url(options.Value.ContinueUrl, id, linkSecret)), new IdempotencyKey("mail-receipt/" + id, mailCase.ReceivedAt),
            WaitUntil.Started, cancellationToken);
        logger.LogInformation("Receipt for mail case {CaseId}: {Status}.", id, result.Status);
    }
}
