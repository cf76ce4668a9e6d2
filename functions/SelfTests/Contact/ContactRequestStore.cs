using Azure;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;
using Steunpunt.SelfTests.Funnel;

namespace Steunpunt.SelfTests.Contact;

/// <summary>Stored contact requests, a partition per UTC day of the request, the request id as row key (so redelivery stores once).</summary>
public sealed class ContactRequestStore(StorageAccount storage)
{
    public const string StatusNew = "new";
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.Tables.SelfTestContactRequests);

    /// <returns>False when this request was stored before (a redelivered message).</returns>
    public async Task<bool> StoreAsync(SelfTestContactRequest request, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(SelfTestEventStore.DayKey(DateOnly.FromDateTime(request.RequestedAt.UtcDateTime)), request.RequestId.ToString("N"))
        {
            ["TestId"] = request.TestId,
            ["TestVersion"] = request.TestVersion,
            ["Channel"] = request.Channel,
            ["Contact"] = request.Contact,
            ["Language"] = request.Language,
            ["RequestedAt"] = request.RequestedAt,
            ["ScreenPositive"] = request.ScreenPositive,
            ["AdviceIds"] = string.Join(',', request.AdviceIds),
            ["Status"] = StatusNew,
        };
        return await table.TryAddEntityAsync(entity, cancellationToken) is not null;
    }

    public async Task<TableEntity?> FindAsync(DateTimeOffset requestedAt, Guid requestId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            SelfTestEventStore.DayKey(DateOnly.FromDateTime(requestedAt.UtcDateTime)), requestId.ToString("N"), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Erases the contact detail of every request made at or before <paramref name="cutoff"/>, reading only the
    /// days from <paramref name="firstDay"/> on. The rest of the request stays for the statistics.
    /// </summary>
    public async Task<int> EraseContactDetailsAsync(DateOnly firstDay, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lastDay = DateOnly.FromDateTime(cutoff.UtcDateTime);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {SelfTestEventStore.DayKey(firstDay)} and PartitionKey le {SelfTestEventStore.DayKey(lastDay)} and RequestedAt le {cutoff} and Contact ne {""}");
        var erased = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            var update = new TableEntity(entity.PartitionKey, entity.RowKey) { ["Contact"] = "", ["ContactErasedAt"] = now };
            await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
            erased++;
        }
        return erased;
    }
}
