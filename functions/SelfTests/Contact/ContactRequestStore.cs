using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;
using Steunpunt.SelfTests.Funnel;

namespace Steunpunt.SelfTests.Contact;

/// <summary>
/// Stored contact requests (SelfTestContactRequests: a partition per UTC day of the request, the request id as row key,
/// so redelivery stores once), and their index (SelfTestContactIndex): a row per request under its id that says which
/// day it is in, and the open requests newest first in partition <c>open</c>, without the contact detail. The open
/// partition holds only what nobody handled yet and is younger than the retention period, so it stays small.
/// </summary>
public sealed partial class ContactRequestStore(StorageAccount storage)
{
    private const string OpenPartition = "open";
    private const string WhereRowKey = "request";
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.Tables.SelfTestContactRequests);
    private readonly TableClient index = storage.Tables.GetTableClient(StorageNames.Tables.SelfTestContactIndex);

    /// <returns>False when this request was stored before (a redelivered message).</returns>
    public async Task<bool> StoreAsync(SelfTestContactRequest request, CancellationToken cancellationToken)
    {
        var id = request.RequestId.ToString("N");
        var dayKey = DayKey(request.RequestedAt);
        var entity = new TableEntity(dayKey, id)
        {
            ["TestId"] = request.TestId,
            ["TestVersion"] = request.TestVersion,
            ["Channel"] = request.Channel,
            ["Contact"] = request.Contact,
            ["Language"] = request.Language,
            ["RequestedAt"] = request.RequestedAt,
            ["ScreenPositive"] = request.ScreenPositive,
            ["AdviceIds"] = string.Join(',', request.AdviceIds),
            ["Status"] = ContactRequestStatus.New,
        };
        var stored = await table.TryAddEntityAsync(entity, cancellationToken) is not null;
        // The index rows follow the request, also on a redelivery: the attempt that stored it may have stopped before them.
        // A request that was handled (or expired) since does not go back on the open list.
        await index.UpsertEntityAsync(new TableEntity(id, WhereRowKey) { ["Day"] = dayKey, ["RequestedAt"] = request.RequestedAt }, TableUpdateMode.Replace, cancellationToken);
        if (stored || (await FindAsync(request.RequestedAt, request.RequestId, cancellationToken))?.GetString("Status") == ContactRequestStatus.New)
        {
            await index.UpsertEntityAsync(OpenRow(request, id), TableUpdateMode.Merge, cancellationToken);
        }
        return stored;
    }

    private static TableEntity OpenRow(SelfTestContactRequest request, string id) => new(OpenPartition, OpenKey(request.RequestedAt, id))
    {
        ["TestId"] = request.TestId,
        ["TestVersion"] = request.TestVersion,
        ["Channel"] = request.Channel,
        ["Language"] = request.Language,
        ["RequestedAt"] = request.RequestedAt,
        ["ScreenPositive"] = request.ScreenPositive,
        ["AdviceIds"] = string.Join(',', request.AdviceIds),
    };

    /// <summary>The stored row, where the caller knows when the request was made.</summary>
    public async Task<TableEntity?> FindAsync(DateTimeOffset requestedAt, Guid requestId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(DayKey(requestedAt), requestId.ToString("N"), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The request with this id (as the staff notification names it); null for an id that is not one.</summary>
    public async Task<ContactRequest?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!EntityIds.IsWellFormed(id)) return null;
        var where = await index.GetEntityIfExistsAsync<TableEntity>(id, WhereRowKey, select: ["Day"], cancellationToken: cancellationToken);
        if (!where.HasValue || where.Value!.GetString("Day") is not { } day) return null;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(day, id, cancellationToken: cancellationToken);
        return row.HasValue ? ContactRequest.FromEntity(row.Value!) : null;
    }

    /// <summary>
    /// Reads the request, applies <paramref name="change"/> and writes it with the row's ETag, again on a conflict.
    /// <paramref name="change"/> returns false when nothing needs writing.
    /// </summary>
    /// <returns>The request as written (or as found), null when there is none, or <see cref="Busy"/> when every attempt met a conflict.</returns>
    public async Task<(ContactRequest? Request, bool Busy)> UpdateAsync(string id, Func<ContactRequest, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < OptimisticConcurrency.Attempts; attempt++)
        {
            var request = await FindAsync(id, cancellationToken);
            if (request is null) return (null, false);
            if (!change(request)) return (request, false);
            try
            {
                var response = await table.UpdateEntityAsync(request.StaffFields(), request.ETag, TableUpdateMode.Merge, cancellationToken);
                request.ETag = response.Headers.ETag ?? request.ETag;
                return (request, false);
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
            }
        }
        return (null, true);
    }

    /// <summary>The open requests, newest first.</summary>
    public async Task<(IReadOnlyList<ContactRequestSummary> Requests, string? Next)> OpenAsync(string? after, int limit, CancellationToken cancellationToken)
    {
        var (rows, next) = await TablePages.ReadAsync(index, OpenPartition, after, limit, cancellationToken);
        return (rows.Select(Summary).ToList(), next);
    }

    private static ContactRequestSummary Summary(TableEntity row) => new(
        row.RowKey[(row.RowKey.IndexOf('_') + 1)..],
        row.GetDateTimeOffset("RequestedAt") ?? default,
        row.GetString("TestId") ?? "",
        row.GetInt32("TestVersion") ?? 0,
        row.GetString("Channel") ?? "",
        row.GetString("Language") ?? "nl",
        row.GetBoolean("ScreenPositive"),
        (row.GetString("AdviceIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.GetDateTimeOffset("LastOpenedAt"),
        row.GetString("LastOpenedBy"));

    /// <summary>Shows in the open list who opened the request last; a request that has left the list stays out of it.</summary>
    public async Task NoteOpenedAsync(ContactRequest request, ContactRequestOpening opening, CancellationToken cancellationToken)
    {
        if (request.Status != ContactRequestStatus.New) return;
        try
        {
            await index.UpdateEntityAsync(new TableEntity(OpenPartition, OpenKey(request.RequestedAt, request.Id))
            {
                ["LastOpenedAt"] = opening.At,
                ["LastOpenedBy"] = opening.StaffName ?? opening.StaffId,
            }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }
    }

    /// <summary>Takes the request off the open list; nothing to do when it is off already.</summary>
    public Task LeaveOpenListAsync(string id, DateTimeOffset requestedAt, CancellationToken cancellationToken)
        => index.DeleteEntityAsync(OpenPartition, OpenKey(requestedAt, id), ETag.All, cancellationToken);

    /// <summary>
    /// Erases the contact detail of every request made at or before <paramref name="cutoff"/>, reading only the
    /// days from <paramref name="firstDay"/> on. The rest of the request stays for the statistics; one nobody handled
    /// is marked expired and leaves the open list, as there is no one left to call back.
    /// </summary>
    public async Task<int> EraseContactDetailsAsync(DateOnly firstDay, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lastDay = DateOnly.FromDateTime(cutoff.UtcDateTime);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {SelfTestEventStore.DayKey(firstDay)} and PartitionKey le {SelfTestEventStore.DayKey(lastDay)} and RequestedAt le {cutoff} and Contact ne {""}");
        var erased = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                var row = (await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, select: ["RequestedAt", "Status"], cancellationToken: cancellationToken)).Value;
                var expires = (row.GetString("Status") ?? ContactRequestStatus.New) == ContactRequestStatus.New;
                var update = new TableEntity(entity.PartitionKey, entity.RowKey) { ["Contact"] = "", ["ContactErasedAt"] = now };
                if (expires) update["Status"] = ContactRequestStatus.Expired;
                try
                {
                    // With the row's ETag: a colleague who marks it handled meanwhile is not overwritten with expired.
                    await table.UpdateEntityAsync(update, attempt < OptimisticConcurrency.Attempts ? row.ETag : ETag.All, TableUpdateMode.Merge, cancellationToken);
                }
                catch (RequestFailedException exception) when (exception.Status == 412)
                {
                    continue;
                }
                if (expires) await LeaveOpenListAsync(entity.RowKey, row.GetDateTimeOffset("RequestedAt") ?? default, cancellationToken);
                break;
            }
            erased++;
        }
        return erased;
    }

    /// <summary>Whether a row key can be one of the open list (the check a cursor must pass).</summary>
    public static bool IsOpenKey(string rowKey) => OpenKeyShape().IsMatch(rowKey);

    /// <summary>Newest first: the ticks counted down from the largest date, then the id (requests in the same tick stay apart).</summary>
    private static string OpenKey(DateTimeOffset requestedAt, string id) => $"{DateTimeOffset.MaxValue.UtcTicks - requestedAt.UtcTicks:D19}_{id}";

    private static string DayKey(DateTimeOffset requestedAt) => SelfTestEventStore.DayKey(DateOnly.FromDateTime(requestedAt.UtcDateTime));

    [GeneratedRegex("^[0-9]{19}_[0-9a-f]{32}$")]
    private static partial Regex OpenKeyShape();
}
