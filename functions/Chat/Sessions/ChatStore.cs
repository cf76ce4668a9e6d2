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

    public static string DayKey(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waiting-list order is start time, then id: the row key sorts that way.</summary>
    public static string WaitingKey(ChatSession session) => $"{session.StartedAt.UtcTicks:D19}_{session.Id}";

    public async Task CreateAsync(ChatSession session, CancellationToken cancellationToken)
    {
        await Chats.AddEntityAsync(session, cancellationToken);
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
    /// read, because the append's If-Match on the ETag catches any change made elsewhere (claim, transfer, close),
    /// and a conflict reads afresh. Bounded; anything else reads storage.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ChatSession> lastWritten = new(StringComparer.Ordinal);
    private const int LastWrittenCapacity = 10_000;

    /// <summary>The session as this instance last appended to it, else from storage.</summary>
    public async Task<ChatSession?> FindForAppendAsync(string id, CancellationToken cancellationToken)
        => lastWritten.TryGetValue(id, out var known) ? Copy(known) : await FindAsync(id, cancellationToken);

    public void Forget(string id) => lastWritten.TryRemove(id, out _);

    private void Remember(ChatSession session)
    {
        if (lastWritten.Count >= LastWrittenCapacity) lastWritten.Clear();
        lastWritten[session.Id] = Copy(session);
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
        try
        {
            var response = await Chats.UpdateEntityAsync(session, session.ETag, TableUpdateMode.Replace, cancellationToken);
            session.ETag = response.Headers.ETag ?? session.ETag;
            if (lastWritten.ContainsKey(session.Id)) Remember(session);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            Forget(session.Id);
            return false;
        }
    }

    /// <summary>
    /// Appends a message and saves the session's new counter and activity in one transaction, if the session is
    /// unchanged since it was read; false when it changed (the caller reads again and retries).
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

    public async Task<IReadOnlyList<ChatMessage>> MessagesAsync(string id, int after, CancellationToken cancellationToken)
    {
        var from = ChatMessageEntity.Key(after);
        var messages = new List<ChatMessage>();
        await foreach (var row in Chats.QueryAsync<ChatMessageEntity>(
            m => m.PartitionKey == id && m.RowKey.CompareTo(from) > 0 && m.RowKey.CompareTo(MessagePrefixEnd) < 0, cancellationToken: cancellationToken))
        {
            messages.Add(new ChatMessage(row.Sequence, row.From, row.Text, row.SentAt, row.StaffName));
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
        string fromKey = from.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), toKey = to.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {fromKey} and PartitionKey le {toKey}");
        await foreach (var row in Stats.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) yield return row;
    }

    /// <summary>Erases a chat's transcript: its session row and every message (the statistics row stays). Safe to run twice at once.</summary>
    public async Task<int> EraseAsync(string id, CancellationToken cancellationToken)
    {
        Forget(id);
        var keys = new List<string>();
        await foreach (var row in Chats.QueryAsync<TableEntity>(e => e.PartitionKey == id, select: ["RowKey"], cancellationToken: cancellationToken)) keys.Add(row.RowKey);
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
