using Steunpunt.Chat.Sessions;

namespace Steunpunt.Chat;

/// <summary>The queue of waiting chats, in order of arrival, and the positions pushed to the visitors in it.</summary>
public sealed class ChatWaitingList(ChatStore store, ChatRealtime realtime)
{
    /// <returns>1 for the chat that waits longest; null when the chat is not waiting.</returns>
    public async Task<int?> PositionAsync(string chatId, CancellationToken cancellationToken)
        => PlaceOf(await store.WaitingAsync(cancellationToken), chatId);

    /// <summary>After a chat joined the queue: staff hear the new length (with the chat that joined).</summary>
    /// <returns>The chat's place, as <see cref="PositionAsync"/>.</returns>
    public async Task<int?> JoinedAsync(string chatId, CancellationToken cancellationToken)
    {
        var waiting = await store.WaitingAsync(cancellationToken);
        await realtime.ToAllStaffAsync(ChatEvents.WaitingListChanged, new { waiting = waiting.Count, joined = chatId }, cancellationToken);
        return PlaceOf(waiting, chatId);
    }

    /// <summary>After a chat left the queue: every visitor still waiting hears their new place.</summary>
    public async Task PushPositionsAsync(CancellationToken cancellationToken)
    {
        var waiting = await store.WaitingAsync(cancellationToken);
        for (var i = 0; i < waiting.Count; i++)
        {
            await realtime.ToVisitorAsync(waiting[i].ChatId, ChatEvents.QueuePosition, new StatePush(waiting[i].ChatId, ChatStates.Waiting, i + 1, null), cancellationToken);
        }
        await realtime.ToAllStaffAsync(ChatEvents.WaitingListChanged, new { waiting = waiting.Count }, cancellationToken);
    }

    private static int? PlaceOf(IReadOnlyList<(string ChatId, DateTimeOffset StartedAt, string RowKey)> waiting, string chatId)
    {
        var index = waiting.ToList().FindIndex(w => w.ChatId == chatId);
        return index < 0 ? null : index + 1;
    }
}
