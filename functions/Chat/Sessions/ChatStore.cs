using Azure;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;

namespace Steunpunt.Chat.Sessions;

/// <summary>
/// Chats and their messages (table Chats, a partition per chat), the list of waiting and open chats (table ChatIndex:
/// partitions <c>waiting</c> ordered by start, <c>open</c>), and the per-chat statistics that outlive the transcript
/// (table ChatStats, a partition per UTC day of the start).
/// </summary>
public sealed class ChatStore(StorageAccount storage)
{
    public const string WaitingPartition = "waiting";
    public const string OpenPartition = "open";
    private const string MessagePrefixEnd = "n";

    private TableClient Chats => storage.Tables.GetTableClient(StorageNames.Tables.Chats);
    private TableClient Index => storage.Tables.GetTableClient(StorageNames.Tables.ChatIndex);
    private TableClient Stats => storage.Tables.GetTableClient(StorageNames.Tables.ChatStats);

    public static string DayKey(DateTimeOffset instant) => PartitionKeys.Day(instant);

    /// <summary>Waiting-list order is start time, then id: the row key sorts that way.</summary>
    public static string WaitingKey(ChatSession session) => $"{session.StartedAt.UtcTicks:D19}_{session.Id}";

    public async Task CreateAsync(ChatSession session, CancellationToken cancellationToken)
    {
        // A 409 on a new random id is our own first attempt: it landed, but its answer came after the attempt timed out and the
        // retry found the row. The token hash tells it from a real clash; the rows below are upserts, so writing them again is safe.
        if (await Chats.TryAddEntityAsync(session, cancellationToken) is null)
        {
            var stored = await Chats.GetEntityIfExistsAsync<ChatSession>(session.PartitionKey, session.RowKey, cancellationToken: cancellationToken);
            if (!stored.HasValue || stored.Value!.VisitorTokenHash != session.VisitorTokenHash)
            {
                throw new InvalidOperationException("A new chat's id is taken by another chat.");
            }
        }
        await Stats.UpsertEntityAsync(new TableEntity(DayKey(session.StartedAt), session.Id)
        {
            ["Topic"] = session.Topic ?? "",
            ["AboutPoliceReport"] = session.AboutPoliceReport,
            ["StartedAt"] = session.StartedAt,
        }, TableUpdateMode.Merge, cancellationToken);
        await Index.UpsertEntityAsync(new TableEntity(WaitingPartition, WaitingKey(session)) { ["ChatId"] = session.Id, ["StartedAt"] = session.StartedAt }, TableUpdateMode.Replace, cancellationToken);
        await Index.UpsertEntityAsync(new TableEntity(OpenPartition, session.Id) { ["StartedAt"] = session.StartedAt }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Sessions as this instance last wrote them, for the message path only: a visitor's next message can skip the
    /// read (see <see cref="Chat.ChatMessages"/> for why that is safe). Bounded in number and in age: a copy older than
    /// <see cref="LastWrittenLifetime"/> is never used, so no stale copy outlives a transcript purge.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ChatSession Session, long At)> lastWritten = new(StringComparer.Ordinal);
    private const int LastWrittenCapacity = 10_000;
    public static readonly TimeSpan LastWrittenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The session as this instance last appended to it (if recent), else from storage.</summary>
    public async Task<ChatSession?> FindForAppendAsync(string id, CancellationToken cancellationToken)
        => RememberedCopy(id) ?? await FindAsync(id, cancellationToken);

    private ChatSession? RememberedCopy(string id) => Recent(id) is { } known ? Copy(known) : null;

    /// <summary>
    /// The session as this instance last wrote it, if recent and further on (a later message number) than
    /// <paramref name="session"/>; else null. Copied only then, so a session that came from <see cref="FindForAppendAsync"/>
    /// is not copied twice.
    /// </summary>
    public ChatSession? RememberedNewerThan(ChatSession session)
        => Recent(session.Id) is { } known && known.LastSequence > session.LastSequence ? Copy(known) : null;

    /// <summary>The highest message number this instance knows to exist in the chat (0 when it knows none).</summary>
    public int KnownLastSequence(string id) => Recent(id)?.LastSequence ?? 0;

    public void Forget(string id) => lastWritten.TryRemove(id, out _);

    private ChatSession? Recent(string id)
        => lastWritten.TryGetValue(id, out var known) && Environment.TickCount64 - known.At < (long)LastWrittenLifetime.TotalMilliseconds ? known.Session : null;

    private void Remember(ChatSession session)
    {
        if (lastWritten.Count >= LastWrittenCapacity) lastWritten.Clear();
        lastWritten[session.Id] = (Copy(session), Environment.TickCount64);
    }

    private static ChatSession Copy(ChatSession session) => (ChatSession)session.MemberwiseCloneForCache();

    public async Task<ChatSession?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsWellFormedId(id)) return null;
        var response = await Chats.GetEntityIfExistsAsync<ChatSession>(id, ChatSession.RowKeyValue, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public static bool IsWellFormedId(string? id) => EntityIds.IsWellFormed(id);

    /// <summary>Saves a changed session if nobody changed it since it was read; false when somebody did (ETag).</summary>
    public async Task<bool> TryUpdateAsync(ChatSession session, CancellationToken cancellationToken)
    {
        if (await Chats.TryUpdateEntityAsync(session, session.ETag, TableUpdateMode.Replace, cancellationToken) is not { } response)
        {
            Forget(session.Id);
            return false;
        }
        session.ETag = response.Headers.ETag ?? session.ETag;
        if (lastWritten.ContainsKey(session.Id)) Remember(session);
        return true;
    }

    /// <summary>
    /// Appends a message (or a system line that fences later messages off, see <see cref="Chat.ChatMessages"/>) and
    /// saves the session in one transaction, if the session is unchanged since it was read and the message number is
    /// still free; false otherwise (the caller reads again and retries).
    /// </summary>
    public async Task<bool> TryAppendAsync(ChatSession session, ChatMessageEntity message, CancellationToken cancellationToken)
    {
        try
        {
            var responses = await Chats.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, session, session.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, message),
            ], cancellationToken);
            session.ETag = responses.Value[0].Headers.ETag ?? session.ETag;
            Remember(session);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 412 or 409 or 404)
        {
            Forget(session.Id);
            return false;
        }
    }

    /// <summary>
    /// Adds a message row alone, without touching the session: false when its number is taken (somebody wrote, or a
    /// system line closed the chat, since <paramref name="session"/> was known). On success the remembered session
    /// (same ETag) carries the new number.
    /// </summary>
    public async Task<bool> TryAddMessageAsync(ChatSession session, ChatMessageEntity message, CancellationToken cancellationToken)
    {
        if (await Chats.TryAddEntityAsync(message, cancellationToken) is null) return false;
        session.LastSequence = message.Sequence;
        Remember(session);
        return true;
    }

    /// <summary>
    /// The number of the chat's last row in the message range, counting from one known to exist
    /// (<paramref name="atLeast"/>): the session's own counter may lag behind, because a message is usually added alone.
    /// </summary>
    public async Task<int> LastSequenceAsync(string id, int atLeast, CancellationToken cancellationToken)
    {
        var from = ChatMessageEntity.Key(atLeast);
        var last = atLeast;
        await foreach (var row in Chats.QueryAsync<TableEntity>(
            e => e.PartitionKey == id && e.RowKey.CompareTo(from) > 0 && e.RowKey.CompareTo(MessagePrefixEnd) < 0, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            last = Math.Max(last, ChatMessageEntity.SequenceOf(row.RowKey));
        }
        return last;
    }

    /// <summary>
    /// The cursor for a reader who has everything up to <paramref name="after"/> and got nothing newer: <paramref name="after"/>
    /// itself when that message exists, else the chat's last number (a cursor from elsewhere must not skip future messages).
    /// </summary>
    public async Task<int> CursorAsync(ChatSession session, int after, CancellationToken cancellationToken)
    {
        if (after <= Math.Max(session.LastSequence, KnownLastSequence(session.Id))) return Math.Max(0, after);
        var exists = await Chats.GetEntityIfExistsAsync<TableEntity>(session.Id, ChatMessageEntity.Key(after), select: ["RowKey"], cancellationToken: cancellationToken);
        return exists.HasValue ? after : await LastSequenceAsync(session.Id, session.LastSequence, cancellationToken);
    }

    public async Task<IReadOnlyList<ChatMessage>> MessagesAsync(string id, int after, CancellationToken cancellationToken)
    {
        var from = ChatMessageEntity.Key(after);
        var messages = new List<ChatMessage>();
        await foreach (var row in Chats.QueryAsync<ChatMessageEntity>(
            m => m.PartitionKey == id && m.RowKey.CompareTo(from) > 0 && m.RowKey.CompareTo(MessagePrefixEnd) < 0, cancellationToken: cancellationToken))
        {
            if (row.From.Length > 0) messages.Add(new ChatMessage(row.Sequence, row.From, row.Text, row.SentAt, row.StaffName));
        }
        return messages;
    }

    /// <summary>The waiting chats, longest waiting first (index rows whose chat is no longer waiting are skipped).</summary>
    public async Task<IReadOnlyList<(string ChatId, DateTimeOffset StartedAt, string RowKey)>> WaitingAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(string, DateTimeOffset, string)>();
        await foreach (var row in Index.QueryAsync<TableEntity>(e => e.PartitionKey == WaitingPartition, cancellationToken: cancellationToken))
        {
            rows.Add((row.GetString("ChatId"), row.GetDateTimeOffset("StartedAt") ?? default, row.RowKey));
        }
        return rows;
    }

    public async Task<IReadOnlyList<string>> OpenChatIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in Index.QueryAsync<TableEntity>(e => e.PartitionKey == OpenPartition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey);
        }
        return ids;
    }

    public Task LeaveWaitingListAsync(ChatSession session, CancellationToken cancellationToken)
        => Index.DeleteEntityAsync(WaitingPartition, WaitingKey(session), ETag.All, cancellationToken);

    public async Task LeaveIndexAsync(ChatSession session, CancellationToken cancellationToken)
    {
        await Index.DeleteEntityAsync(WaitingPartition, WaitingKey(session), ETag.All, cancellationToken);
        await Index.DeleteEntityAsync(OpenPartition, session.Id, ETag.All, cancellationToken);
    }

    /// <summary>Records facts for the insights (never text) on the chat's statistics row.</summary>
    public Task RecordStatsAsync(ChatSession session, IDictionary<string, object?> facts, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(DayKey(session.StartedAt), session.Id);
        foreach (var (name, value) in facts) entity[name] = value;
        return Stats.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public async IAsyncEnumerable<TableEntity> StatsAsync(DateOnly from, DateOnly to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string fromKey = PartitionKeys.Day(from), toKey = PartitionKeys.Day(to);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {fromKey} and PartitionKey le {toKey}");
        await foreach (var row in Stats.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) yield return row;
    }

    /// <summary>
    /// "Delete my conversation": every message loses its text at once, but keeps its number as an empty row, so a message
    /// sent late from a second tab cannot slip into the erased chat (its number is taken); the session row goes, so
    /// the chat is gone for everyone. The empty rows go with the transcript purge, after the retention period.
    /// </summary>
    public async Task<int> BlankAsync(string id, CancellationToken cancellationToken)
    {
        var keys = await RowKeysAsync(id, cancellationToken);
        foreach (var batch in keys.Where(k => k != ChatSession.RowKeyValue).Chunk(100))
        {
            await Chats.SubmitTransactionAsync(batch.Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(id, k))), cancellationToken);
        }
        try
        {
            await Chats.DeleteEntityAsync(id, ChatSession.RowKeyValue, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // A second "delete" at the same moment got there first.
        }
        Forget(id); // last, so no copy remembered while blanking survives it
        return keys.Count;
    }

    private async Task<List<string>> RowKeysAsync(string id, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var row in Chats.QueryAsync<TableEntity>(e => e.PartitionKey == id, select: ["RowKey"], cancellationToken: cancellationToken)) keys.Add(row.RowKey);
        return keys;
    }

    /// <summary>Erases a chat's transcript: its session row and every message (the statistics row stays). Safe to run twice at once.</summary>
    public async Task<int> EraseAsync(string id, CancellationToken cancellationToken)
    {
        Forget(id);
        var keys = await RowKeysAsync(id, cancellationToken);
        foreach (var batch in keys.Chunk(100))
        {
            try
            {
                await Chats.SubmitTransactionAsync(batch.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(id, k), ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 404)
            {
                // Someone else (another instance's purge, the visitor's delete) is erasing too: finish row by row.
                foreach (var key in batch) await Chats.DeleteEntityAsync(id, key, ETag.All, cancellationToken);
            }
        }
        return keys.Count;
    }
}
