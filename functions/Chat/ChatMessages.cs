using Microsoft.AspNetCore.Mvc;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>A stored message, and who (if anyone) had the chat when it was stored.</summary>
public sealed record AppendedMessage(int Seq, string From, string Text, DateTimeOffset SentAt, string? StaffId, string? StaffName, bool FirstAnswer);

internal static class ChatMessages
{
    private const int Attempts = 8;

    /// <summary>
    /// Appends a message under optimistic concurrency: the session's counter and the message are written in one
    /// transaction against the session's ETag; a conflict (the other party wrote at the same moment) re-reads and retries.
    /// </summary>
    /// <param name="allowed">Checked on every (re-)read, e.g. "this staff member still has the chat".</param>
    public static async Task<(AppendedMessage? Message, IActionResult? Problem)> AppendAsync(
        ChatStore store, ChatSession session, string from, string text, Func<ChatSession, IActionResult?>? allowed, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (attempt > 0)
            {
                var fresh = await store.FindAsync(session.Id, cancellationToken);
                if (fresh is null) return (null, Problem.NotFound("Deze chat bestaat niet (meer)."));
                session = fresh;
                if (attempt > 2) await Task.Delay(Random.Shared.Next(5, 25 * attempt), cancellationToken);
            }
            if (!session.IsOpen) return (null, ChatText.ClosedProblem());
            if (allowed?.Invoke(session) is { } refused) return (null, refused);

            var now = clock.GetUtcNow();
            var firstAnswer = from == ChatParties.Staff && session.FirstAnswerAt is null;
            session.LastSequence++;
            session.LastActivityAt = now;
            if (firstAnswer) session.FirstAnswerAt = now;
            var staffName = from == ChatParties.Staff ? session.StaffName : null;
            var entity = new ChatMessageEntity
            {
                PartitionKey = session.Id,
                RowKey = ChatMessageEntity.Key(session.LastSequence),
                From = from,
                Text = text,
                SentAt = now,
                StaffName = staffName,
            };
            if (await store.TryAppendAsync(session, entity, cancellationToken))
            {
                if (firstAnswer)
                {
                    await store.RecordStatsAsync(session, new Dictionary<string, object?>
                    {
                        ["FirstAnswerAt"] = now,
                        ["SecondsToFirstAnswer"] = (int)(now - session.StartedAt).TotalSeconds,
                    }, cancellationToken);
                }
                return (new AppendedMessage(session.LastSequence, from, text, now, session.StaffId, staffName, firstAnswer), null);
            }
        }
        return (null, Problem.Create(503, "busy", "Even druk.", "Het bericht kon nu niet worden opgeslagen. Probeer het opnieuw."));
    }
}
