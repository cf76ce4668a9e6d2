using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Storage;

namespace Steunpunt.Chat;

internal static class ChatClosing
{
    /// <summary>
    /// Closes a chat (by the visitor, staff, or the idle timer): state, index, statistics, and pushes to both sides
    /// and to the queue behind it. Returns the closed session, or null when it was gone or already closed.
    /// </summary>
    public static async Task<ChatSession?> CloseAsync(
        ChatStore store, ChatRealtime realtime, ChatWaitingList waitingList, string chatId, string closedBy, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < OptimisticConcurrency.Attempts; attempt++)
        {
            var session = await store.FindAsync(chatId, cancellationToken);
            if (session is null || !session.IsOpen) return null;
            var wasWaiting = session.State == ChatStates.Waiting;
            var now = clock.GetUtcNow();
            session.State = ChatStates.Closed;
            session.ClosedAt = now;
            session.ClosedBy = closedBy;
            // The closing line takes the next message number, so no message can be added after it (see ChatMessages).
            if (!await ChatMessages.TrySaveWithLineAsync(store, session, ChatText.ClosedLine, clock, cancellationToken)) continue;

            await store.LeaveIndexAsync(session, cancellationToken);
            await store.RecordStatsAsync(session, new Dictionary<string, object?>
            {
                ["ClosedAt"] = now,
                ["ClosedBy"] = closedBy,
                ["DurationSeconds"] = (int)(now - session.StartedAt).TotalSeconds,
                ["Answered"] = session.FirstAnswerAt is not null,
            }, cancellationToken);
            var push = new StatePush(session.Id, ChatStates.Closed, null, session.StaffName);
            await realtime.ToVisitorAsync(session.Id, ChatEvents.State, push, cancellationToken);
            if (session.StaffId is not null) await realtime.ToStaffMemberAsync(session.StaffId, ChatEvents.State, push, cancellationToken);
            if (wasWaiting) await waitingList.PushPositionsAsync(cancellationToken);
            return session;
        }
        return null;
    }
}
