using Microsoft.Extensions.Logging;
using Steunpunt.Common.Notifications;
using Steunpunt.Connectors.Events;

namespace Steunpunt.MailIntake.Cases;

/// <summary>
/// E-mail delivery reports (Event Grid, <c>EmailDeliveryReportReceived</c>): a mail that did not arrive (bounced,
/// suppressed, quarantined, filtered as spam, failed) raises <c>mail-undeliverable</c>, with the reference of the mail
/// case whose sender has that address when the address wrote through the form (the keyed hash finds it; the address
/// itself is neither kept nor put in the notification). A receipt is sent without waiting for its outcome, and a bounce
/// often comes after the send operation succeeded, so this is where staff learn that a reply will not arrive either.
/// </summary>
/// <remarks>
/// The report's status text is left out: a bounce text often quotes the address. The id follows from the message id
/// and the address, so Event Grid delivering the report again raises the same notification.
/// </remarks>
public sealed class MailDeliveryReports(MailSenders senders, MailCaseStore cases, IStaffNotifications staff, TimeProvider clock, ILogger<MailDeliveryReports> logger)
    : ICommunicationEventHandler
{
    /// <summary>Nobody needs to act on these: delivered, or a distribution list expanded (its members get reports of their own).</summary>
    private static readonly string[] Arrived = ["Delivered", "Expanded"];

    public string EventType => CommunicationEventTypes.EmailDeliveryReportReceived;

    public async Task HandleAsync(CommunicationEvent report, CancellationToken cancellationToken)
    {
        var data = report.Data;
        var messageId = EventGridPayload.PropertyText(data, "messageId");
        var status = EventGridPayload.PropertyText(data, "status");
        if (string.IsNullOrWhiteSpace(messageId) || string.IsNullOrWhiteSpace(status) || Arrived.Contains(status, StringComparer.OrdinalIgnoreCase)) return;

        var recipient = MailIntakeRules.NormaliseAddress(EventGridPayload.PropertyText(data, "recipient"));
        if (recipient is not null && staff.TeamMailbox is { } teamAddress && recipient == MailIntakeRules.NormaliseAddress(teamAddress))
        {
            // Told to the team mailbox, a bounce of the team mailbox would only bounce again.
            logger.LogWarning("A mail to the team mailbox was not delivered ({Status}, operation {MessageId}).", status, messageId);
            return;
        }

        var hash = recipient is null ? null : await senders.HashAsync(recipient, cancellationToken);
        var mailCase = hash is not null && await senders.LastCaseIdAsync(hash, cancellationToken) is { } caseId ? await cases.FindAsync(caseId, cancellationToken) : null;
        var details = new Dictionary<string, string> { ["messageId"] = messageId, ["deliveryStatus"] = status };
        if (mailCase is not null) details["caseReference"] = mailCase.Reference;
        await staff.RaiseAsync(StaffNotificationKinds.MailUndeliverable, mailCase?.Id ?? messageId, AttemptedAt(report) ?? clock.GetUtcNow(), details,
            idempotencyKey: messageId + "/" + (hash ?? ""), cancellationToken);
        logger.LogInformation("E-mail operation {MessageId} not delivered ({Status}); staff notified{Case}.", messageId, status, mailCase is null ? "" : " for case " + mailCase.Id);
    }

    /// <summary>
    /// When delivery was tried, else the event's time. The Event Grid schema spells it <c>deliveryAttemptTimeStamp</c>,
    /// CloudEvents <c>deliveryAttemptTimestamp</c>; names are matched without regard to case, so one look-up finds either.
    /// </summary>
    internal static DateTimeOffset? AttemptedAt(CommunicationEvent report)
    {
        var text = EventGridPayload.PropertyText(report.Data, "deliveryAttemptTimestamp");
        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : report.Time;
    }
}
