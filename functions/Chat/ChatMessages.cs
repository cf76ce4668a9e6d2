using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Storage;

namespace Steunpunt.Chat;

/// <summary>A stored message, and who (if anyone) had the chat when it was stored.</summary>
public sealed record AppendedMessage(int Seq, string From, string Text, DateTimeOffset SentAt, string? StaffId, string? StaffName, bool FirstAnswer);

/// <summary>
/// Appending messages. Messages are numbered 1, 2, 3, … without gaps, and a number is taken by inserting its row, which
/// fails when the row exists. So an insert at n + 1 succeeds only if n is the chat's last number at that moment: the
/// writer knew everything before it. Every change that must stop later messages (closing, handing over) writes a system
/// line at the next number in the same transaction as the session, so it takes a number too: a message either gets a
/// number before that line (it was sent before the change) or finds its number taken, reads again and sees the change.
/// That is why a message in a claimed chat can usually be one insert, without reading or writing the session: the
/// session is written (with its ETag) only while the chat waits, for the first answer, and to note activity once every
/// 30 to 60 seconds (fixed per chat) for the idle timer.
/// </summary>
internal static class ChatMessages
{
    /// <summary>How stale the session's LastActivityAt may get before a message writes it again (the idle timer works in minutes).</summary>
    public static readonly TimeSpan ActivityRefresh = TimeSpan.FromMinutes(1);

    /// <summary>
    /// <see cref="ActivityRefresh"/> less up to half of it, fixed per chat: chats claimed together (a busy evening, a
    /// staff member taking several at once) would otherwise all write their session in the same second a minute later,
    /// and every message in that second waits behind those transactions.
    /// </summary>
    internal static TimeSpan ActivityRefreshFor(string chatId)
    {
        // The id is 32 hex digits; its last four spread the chats evenly over the half minute.
        var spread = chatId.Length >= 4 && int.TryParse(chatId.AsSpan(chatId.Length - 4), System.Globalization.NumberStyles.HexNumber, null, out var bits) ? bits : 0;
        return ActivityRefresh - ActivityRefresh / 2 * (spread / 65536.0);
    }

    /// <param name="allowed">Checked on every (re-)read, e.g. "this staff member still has the chat".</param>
    public static async Task<AppendOutcome> AppendAsync(
        ChatStore store, ChatSession session, string from, string text, Func<ChatSession, bool>? allowed, TimeProvider clock, CancellationToken cancellationToken)
    {
        // A number known to exist, always with the state of the same copy: the session as read, or as this instance
        // last wrote it when that is newer (a later number), so a closing line this instance wrote is never passed over.
        session = store.RememberedNewerThan(session) ?? session;
        var last = session.LastSequence;
        for (var attempt = 0; attempt < OptimisticConcurrency.ContendedAttempts; attempt++)
        {
            if (attempt > 0)
            {
                // The last number first, then the state: if the last row is a closing line, the state read after it says closed.
                last = await store.LastSequenceAsync(session.Id, last, cancellationToken);
                var fresh = await store.FindAsync(session.Id, cancellationToken);
                if (fresh is null) return new AppendOutcome.ChatGone();
                session = fresh;
                last = Math.Max(last, session.LastSequence);
                // Spread writers that keep colliding (several tabs and the staff member at once).
                await Task.Delay(OptimisticConcurrency.PauseBefore(attempt, Random.Shared), cancellationToken);
            }
            if (!session.IsOpen) return new AppendOutcome.ChatEnded();
            if (allowed is not null && !allowed(session)) return new AppendOutcome.NotAllowed(session);

            var now = clock.GetUtcNow();
            var firstAnswer = from == ChatParties.Staff && session.FirstAnswerAt is null;
            var staffName = from == ChatParties.Staff ? session.StaffName : null;
            var entity = Row(session.Id, last + 1, from, text, now, staffName);
            var writeSession = session.State == ChatStates.Waiting || firstAnswer || now - session.LastActivityAt >= ActivityRefreshFor(session.Id);
            bool stored;
            if (writeSession)
            {
                session.LastSequence = last + 1;
                session.LastActivityAt = now;
                if (firstAnswer) session.FirstAnswerAt = now;
                stored = await store.TryAppendAsync(session, entity, cancellationToken);
            }
            else
            {
                stored = await store.TryAddMessageAsync(session, entity, cancellationToken);
            }
            if (!stored) continue;

            if (firstAnswer)
            {
                await store.RecordStatsAsync(session, new Dictionary<string, object?>
                {
                    ["FirstAnswerAt"] = now,
                    ["SecondsToFirstAnswer"] = (int)(now - session.StartedAt).TotalSeconds,
                }, cancellationToken);
            }
            return new AppendOutcome.Stored(new AppendedMessage(last + 1, from, text, now, session.StaffId, staffName, firstAnswer));
        }
        return new AppendOutcome.Busy();
    }

    /// <summary>
    /// Saves a changed session together with a system line at the chat's next number (see the class remarks): false
    /// when the session changed meanwhile or the number was taken; the caller reads again and retries.
    /// </summary>
    public static async Task<bool> TrySaveWithLineAsync(ChatStore store, ChatSession changed, string line, TimeProvider clock, CancellationToken cancellationToken)
    {
        var last = await store.LastSequenceAsync(changed.Id, changed.LastSequence, cancellationToken);
        changed.LastSequence = last + 1;
        return await store.TryAppendAsync(changed, Row(changed.Id, last + 1, ChatParties.System, line, clock.GetUtcNow(), null), cancellationToken);
    }

    private static ChatMessageEntity Row(string chatId, int sequence, string from, string text, DateTimeOffset at, string? staffName) => new()
    {
        PartitionKey = chatId,
        RowKey = ChatMessageEntity.Key(sequence),
        From = from,
        Text = text,
        SentAt = at,
        StaffName = staffName,
    };
}
