using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors;
using Steunpunt.Connectors.Email;
using Steunpunt.StaffNotifications;

namespace Steunpunt.MailIntake.Cases;

/// <summary>
/// Turns a queued mail-form message into a case: store (with "wrote before?"), send the receipt, tell staff.
/// Every step is idempotent, so a redelivered message finishes what the first delivery started and sends no second receipt:
/// the case is keyed by its id, the receipt's Operation-Id comes from the case id, the notification id too.
/// </summary>
public sealed class MailCaseIntake(
    MailCaseStore store, MailSenders senders, IEmailSender email, WorkQueue queue, IOptions<MailIntakeOptions> options, ILogger<MailCaseIntake> logger)
{
    public async Task HandleAsync(MailIntakeMessage message, CancellationToken cancellationToken)
    {
        var id = message.CaseId.ToString("N");
        var mailCase = await store.FindAsync(id, cancellationToken);
        if (mailCase is null)
        {
            var hash = await senders.HashAsync(message.ReplyAddress, cancellationToken);
            mailCase = new MailCase
            {
                PartitionKey = id,
                Reference = message.Reference,
                ReceivedAt = message.ReceivedAt,
                ReplyAddress = message.ReplyAddress,
                Name = message.Name,
                CrimeType = message.CrimeType,
                ConsentToStore = message.ConsentToStore,
                Language = message.Language,
                RepeatContact = await senders.SeenBeforeAsync(hash, id, message.ReceivedAt, cancellationToken),
            };
            if (!await store.TryCreateAsync(mailCase, message.Question, cancellationToken))
            {
                mailCase = await store.FindAsync(id, cancellationToken) ?? throw new InvalidOperationException("The case was stored and is gone.");
            }
            await store.RecordStatsAsync(mailCase, new Dictionary<string, object?>
            {
                ["ReceivedAt"] = mailCase.ReceivedAt,
                ["CrimeType"] = mailCase.CrimeType ?? "",
                ["RepeatContact"] = mailCase.RepeatContact,
                ["ConsentToStore"] = mailCase.ConsentToStore,
            }, cancellationToken);
        }

        if (mailCase.ReceiptSentAt is null)
        {
            var answerBy = WorkingDays.After(DateOnly.FromDateTime(mailCase.ReceivedAt.UtcDateTime), options.Value.AnswerWithinWorkingDays);
            var result = await email.SendAsync(MailTexts.Receipt(mailCase, answerBy, options.Value.Phone), new IdempotencyKey("mail-receipt/" + id, mailCase.ReceivedAt), cancellationToken);
            logger.LogInformation("Receipt for mail case {CaseId}: {Status}.", id, result.Status);
            mailCase.ReceiptSentAt = message.ReceivedAt;
            // A lost update here only means a redelivery asks the service again, which answers with the same operation.
            await store.TryUpdateAsync(mailCase, mailCase.Status, cancellationToken);
        }

        await queue.SendAsync(StorageNames.Queues.StaffNotifications, new StaffNotification(StaffNotification.CurrentSchemaVersion,
            new IdempotencyKey("mail-received/" + id, mailCase.ReceivedAt).ToGuid("staff-notification"), StaffNotificationKinds.MailReceived, id, mailCase.ReceivedAt,
            new Dictionary<string, string>
            {
                ["reference"] = mailCase.Reference,
                ["crimeType"] = mailCase.CrimeType ?? "",
                ["repeatContact"] = mailCase.RepeatContact ? "true" : "false",
            }), cancellationToken: cancellationToken);
    }
}
