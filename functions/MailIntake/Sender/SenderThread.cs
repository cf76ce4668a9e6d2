using Microsoft.Extensions.Logging;
using Steunpunt.Common.Notifications;
using Steunpunt.MailIntake.Cases;
using Steunpunt.Common.Storage;

namespace Steunpunt.MailIntake.Sender;

/// <summary>A message of the thread as the sender sees it: who wrote it (<c>sender</c> or <c>staff</c>, no staff names), the plain text, when.</summary>
public sealed record SenderThreadMessage(int Seq, string From, string Text, DateTimeOffset At);

public sealed record SenderThreadView(string Reference, string Language, IReadOnlyList<SenderThreadMessage> Messages);

public sealed record SenderMessageAdded(int Seq, DateTimeOffset At, string Message);

/// <summary>What came of a sender's message: added (or looked added, for a bot), an unknown link, or too many writes at once.</summary>
public enum SenderMessageOutcome
{
    Added,
    NotFound,
    Busy,
}

/// <summary>
/// The sender's side of a mail case, through the continue link: read the thread, write again. A token that is not one
/// of the case's (or of no case, or of an erased one) is answered alike, so an answer never tells whether a case exists.
/// A new message reopens a closed case (and puts an answered one back to its owner) and raises <c>mail-message</c>.
/// </summary>
public sealed class SenderThread(MailCaseStore store, MailLinkKeys links, IStaffNotifications notifier, TimeProvider clock, ILogger<SenderThread> logger)
{
    /// <summary>The case the token opens; null for a token that opens none.</summary>
    public async Task<MailCase?> OpenAsync(string token, CancellationToken cancellationToken)
    {
        if (MailLinks.Parse(token) is not var (caseId, secret)) return null;
        var mailCase = await store.FindAsync(caseId, cancellationToken);
        return mailCase is not null && await links.MatchesAsync(caseId, secret, mailCase.LinkHashes, cancellationToken) ? mailCase : null;
    }

    public async Task<SenderThreadView> ViewAsync(MailCase mailCase, CancellationToken cancellationToken)
    {
        var thread = await store.ThreadAsync(mailCase, cancellationToken);
        return new SenderThreadView(mailCase.Reference, mailCase.Language,
            thread.Select(e => new SenderThreadMessage(e.Sequence, e.From == MailParties.Staff ? MailParties.Staff : MailParties.Sender, e.Text, e.At)).ToList());
    }

    /// <summary>The answer a bot gets for a filled honeypot: as if added, nothing stored.</summary>
    public SenderMessageAdded Pretend(MailCase mailCase) => new(mailCase.LastSequence + 1, clock.GetUtcNow(), Thanks(mailCase.Language));

    /// <summary>Adds a checked message to the thread of an opened case (ETag, so a staff reply at the same moment is not lost).</summary>
    public async Task<(SenderMessageOutcome Outcome, SenderMessageAdded? Added)> AddAsync(MailCase opened, string text, CancellationToken cancellationToken)
    {
        var id = opened.Id;
        var mailCase = opened;
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var previous = mailCase.Status;
            mailCase.Status = Reopened(mailCase.Status, mailCase.AssignedTo);
            if (previous == MailCaseStatus.Closed) mailCase.ClosedAt = null;
            mailCase.LastSequence++;
            var entry = new MailThreadEntry { PartitionKey = id, RowKey = MailThreadEntry.Key(mailCase.LastSequence), From = MailParties.Sender, Text = text.Trim(), At = now };
            if (!await store.TryAppendAsync(mailCase, previous, entry, cancellationToken))
            {
                // Changed meanwhile (a staff reply, a claim): read it again; erased meanwhile: as any unknown link.
                if (attempt == OptimisticConcurrency.Attempts) return (SenderMessageOutcome.Busy, null);
                if (await store.FindAsync(id, cancellationToken) is not { } fresh) return (SenderMessageOutcome.NotFound, null);
                mailCase = fresh;
                continue;
            }

            // The purge keeps a case the sender wrote into for the retention period after the message (see MailCaseRetention).
            await store.RecordStatsAsync(mailCase, new Dictionary<string, object?> { ["LastSenderMessageAt"] = now }, cancellationToken);
            var reopened = previous == MailCaseStatus.Closed;
            await notifier.RaiseAsync(StaffNotificationKinds.MailMessage, id, now, new Dictionary<string, string>
            {
                ["reference"] = mailCase.Reference,
                ["seq"] = mailCase.LastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["reopened"] = reopened ? "true" : "false",
            }, idempotencyKey: $"{id}/{mailCase.LastSequence}", cancellationToken);
            logger.LogInformation("Message {Sequence} from the sender of mail case {CaseId} stored{Reopened}.", mailCase.LastSequence, id, reopened ? "; case reopened" : "");
            return (SenderMessageOutcome.Added, new SenderMessageAdded(mailCase.LastSequence, now, Thanks(mailCase.Language)));
        }
    }

    /// <summary>
    /// The status after a message from the sender: a closed or answered case needs someone again, its owner if it has one
    /// (a claimed case stays claimed), else whoever takes it from the new mails. New and assigned cases stay as they are.
    /// </summary>
    public static string Reopened(string status, string? assignedTo) => status is MailCaseStatus.Closed or MailCaseStatus.Answered
        ? assignedTo is null ? MailCaseStatus.New : MailCaseStatus.Assigned
        : status;

    private static string Thanks(string language) => language == "en"
        ? "Thank you. Your message has been added to your conversation with us."
        : "Dank u. Uw bericht is toegevoegd aan uw gesprek met ons.";
}
