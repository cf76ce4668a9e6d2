using Azure;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;

namespace Steunpunt.MailIntake.Cases;

/// <summary>
/// Cases and their threads (MailCases, a partition per case), the inbox by status (MailInbox: a partition per
/// status, ordered by arrival) and the statistics that outlive the case (MailStats: a partition per month, no text).
/// </summary>
public sealed class MailCaseStore(StorageAccount storage)
{
    private TableClient Cases => storage.Tables.GetTableClient(StorageNames.Tables.MailCases);
    private TableClient Inbox => storage.Tables.GetTableClient(StorageNames.Tables.MailInbox);
    private TableClient Stats => storage.Tables.GetTableClient(StorageNames.Tables.MailStats);

    public static string MonthKey(DateTimeOffset at) => PartitionKeys.Month(at);

    internal static string InboxKey(MailCase mailCase) => $"{mailCase.ReceivedAt.UtcTicks:D19}_{mailCase.Id}";

    public async Task<MailCase?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!EntityIds.IsWellFormed(id)) return null;
        var found = await Cases.GetEntityIfExistsAsync<MailCase>(id, MailCase.RowKeyValue, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Stores a new case with its question (message 1 of its thread), then its inbox row; false when it was stored before (a redelivery).</summary>
    public async Task<bool> TryCreateAsync(MailCase mailCase, string question, CancellationToken cancellationToken)
    {
        mailCase.LastSequence = 1;
        mailCase.Question = question;
        if (await Cases.TryAddEntityAsync(mailCase, cancellationToken) is not { } response) return false;
        mailCase.ETag = response.Headers.ETag ?? throw new InvalidOperationException("The store gave no ETag for the new case.");
        // Inserts, not upserts, for the rows a form adds: docs/decisions/0002-insert-new-rows.md.
        await Inbox.TryAddEntityAsync(InboxRow(mailCase), cancellationToken);
        return true;
    }

    private static TableEntity InboxRow(MailCase mailCase) => new(mailCase.Status, InboxKey(mailCase)) { ["CaseId"] = mailCase.Id };

    /// <summary>
    /// For a redelivered intake message: puts a case that is still new in the inbox, in case the first delivery stopped
    /// between storing the case and its inbox row. A case that moved on already has its row under its current status
    /// (written by the move); should a staff member move it between the read and this write, the listing ignores the
    /// stale row, as it does for a move that stopped halfway (it checks each case's status).
    /// </summary>
    public async Task EnsureInInboxAsync(MailCase mailCase, CancellationToken cancellationToken)
    {
        if (mailCase.Status != MailCaseStatus.New) return;
        await Inbox.UpsertEntityAsync(InboxRow(mailCase), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Saves a changed case if nobody changed it since it was read (ETag), moving its inbox row when the status changed.</summary>
    public async Task<bool> TryUpdateAsync(MailCase mailCase, string previousStatus, CancellationToken cancellationToken)
    {
        if (await Cases.TryUpdateEntityAsync(mailCase, mailCase.ETag, TableUpdateMode.Replace, cancellationToken) is not { } response) return false;
        mailCase.ETag = response.Headers.ETag ?? mailCase.ETag;
        if (previousStatus != mailCase.Status) await MoveInboxAsync(mailCase, previousStatus, cancellationToken);
        return true;
    }

    /// <summary>Appends a staff reply and saves the case in one transaction (ETag); false when the case changed meanwhile.</summary>
    public async Task<bool> TryAppendAsync(MailCase mailCase, string previousStatus, MailThreadEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            var responses = await Cases.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, mailCase, mailCase.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, entry),
            ], cancellationToken);
            mailCase.ETag = responses.Value[0].Headers.ETag ?? mailCase.ETag;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 412 or 409 or 404)
        {
            return false;
        }
        if (previousStatus != mailCase.Status) await MoveInboxAsync(mailCase, previousStatus, cancellationToken);
        return true;
    }

    private async Task MoveInboxAsync(MailCase mailCase, string previousStatus, CancellationToken cancellationToken)
    {
        await Inbox.UpsertEntityAsync(InboxRow(mailCase), TableUpdateMode.Replace, cancellationToken);
        await Inbox.DeleteEntityAsync(previousStatus, InboxKey(mailCase), ETag.All, cancellationToken);
    }

    /// <summary>The thread in order: the question from the case row, then the rows <c>m…</c> (replies, and the question of an older case).</summary>
    public async Task<IReadOnlyList<MailThreadEntry>> ThreadAsync(MailCase mailCase, CancellationToken cancellationToken)
    {
        var entries = new List<MailThreadEntry>();
        if (mailCase.Question is { } question)
        {
            entries.Add(new MailThreadEntry { PartitionKey = mailCase.Id, RowKey = MailThreadEntry.Key(1), From = MailParties.Sender, Text = question, At = mailCase.ReceivedAt });
        }
        var id = mailCase.Id;
        await foreach (var row in Cases.QueryAsync<MailThreadEntry>(e => e.PartitionKey == id && e.RowKey.CompareTo("m") > 0 && e.RowKey.CompareTo("n") < 0, cancellationToken: cancellationToken))
        {
            entries.Add(row);
        }
        return entries;
    }

    public async Task<MailThreadEntry?> EntryAsync(string id, int sequence, CancellationToken cancellationToken)
    {
        var found = await Cases.GetEntityIfExistsAsync<MailThreadEntry>(id, MailThreadEntry.Key(sequence), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public Task UpdateEntryAsync(MailThreadEntry entry, CancellationToken cancellationToken)
        => Cases.UpdateEntityAsync(entry, ETag.All, TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Records that a staff member saw the case's personal fields (address, name, thread): a row <c>r…</c> in the case's own
    /// partition, so the purge that erases the case erases who read it too. An insert with a unique key: reads never conflict.
    /// </summary>
    public async Task RecordReadAsync(MailCaseRead read, CancellationToken cancellationToken)
    {
        read.RowKey = MailCaseRead.Key(read.At);
        await Cases.AddEntityAsync(read, cancellationToken);
    }

    /// <summary>Who read the case, oldest first.</summary>
    public async Task<IReadOnlyList<MailCaseRead>> ReadsAsync(string id, CancellationToken cancellationToken)
    {
        var reads = new List<MailCaseRead>();
        await foreach (var row in Cases.QueryAsync<MailCaseRead>(e => e.PartitionKey == id && e.RowKey.CompareTo(MailCaseRead.Prefix) > 0 && e.RowKey.CompareTo("s") < 0, cancellationToken: cancellationToken))
        {
            reads.Add(row);
        }
        return reads;
    }

    /// <summary>Case ids in the inbox for a status, oldest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<string>> InboxAsync(string status, int max, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in Inbox.QueryAsync<TableEntity>(e => e.PartitionKey == status, cancellationToken: cancellationToken))
        {
            ids.Add(row.GetString("CaseId"));
            if (ids.Count >= max) break;
        }
        return ids;
    }

    public Task RecordStatsAsync(MailCase mailCase, IDictionary<string, object?> facts, CancellationToken cancellationToken)
        => Stats.UpsertEntityAsync(StatsEntity(mailCase, facts), TableUpdateMode.Merge, cancellationToken);

    /// <summary>The first facts of a new case's statistics row: an insert, or a merge when the row is there already (a redelivery, or staff were quicker).</summary>
    public async Task RecordFirstStatsAsync(MailCase mailCase, IDictionary<string, object?> facts, CancellationToken cancellationToken)
    {
        if (await Stats.TryAddEntityAsync(StatsEntity(mailCase, facts), cancellationToken) is null) await RecordStatsAsync(mailCase, facts, cancellationToken);
    }

    private static TableEntity StatsEntity(MailCase mailCase, IDictionary<string, object?> facts)
    {
        var entity = new TableEntity(MonthKey(mailCase.ReceivedAt), mailCase.Id);
        foreach (var (name, value) in facts) entity[name] = value;
        return entity;
    }

    public async IAsyncEnumerable<TableEntity> StatsAsync(string fromMonth, string toMonth, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {fromMonth} and PartitionKey le {toMonth}");
        await foreach (var row in Stats.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)) yield return row;
    }

    /// <summary>Erases a case: the case row, its thread, the record of who read it and its inbox row. The statistics row stays. Safe to repeat.</summary>
    public async Task EraseAsync(string id, CancellationToken cancellationToken)
    {
        var mailCase = await FindAsync(id, cancellationToken);
        if (mailCase is not null) await Inbox.DeleteEntityAsync(mailCase.Status, InboxKey(mailCase), ETag.All, cancellationToken);
        var keys = new List<string>();
        await foreach (var row in Cases.QueryAsync<TableEntity>(e => e.PartitionKey == id, select: ["RowKey"], cancellationToken: cancellationToken)) keys.Add(row.RowKey);
        foreach (var key in keys) await Cases.DeleteEntityAsync(id, key, ETag.All, cancellationToken);
    }
}
