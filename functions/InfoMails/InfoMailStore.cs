using Azure;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;

namespace Steunpunt.InfoMails;

/// <summary>Where an information mail stands.</summary>
public static class InfoMailStatus
{
    /// <summary>Stored by the queue function; the send is under way (or will be retried).</summary>
    public const string Sending = "sending";

    /// <summary>The mail service accepted it but had not finished when we stopped waiting; a redelivery asks again.</summary>
    public const string Accepted = "accepted";

    public const string Sent = "sent";

    /// <summary>The mail service refused it or could not deliver it; retrying would not help.</summary>
    public const string Failed = "failed";

    public static bool IsFinal(string? status) => status is Sent or Failed;
}

/// <summary>The outcome of a satisfaction rating.</summary>
public enum RatingOutcome
{
    Recorded,
    NotFound,
    AlreadyRated,
}

/// <summary>
/// Table <c>InfoMails</c>: one row per mail, partition = the UTC day it was requested, row key = its id (so a redelivered
/// message stores once, and a rating finds its mail with a point read). A row holds what the whitepaper's measures need
/// (crime type, language, blocks, times, status, operation id, satisfaction) and the recipient's address until the purge
/// erases it. Never the name, never the mail text.
/// </summary>
public sealed class InfoMailStore(StorageAccount storage)
{
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.Tables.InfoMails);

    /// <summary>Stores the mail as <see cref="InfoMailStatus.Sending"/>, or returns the row a previous delivery stored.</summary>
    public async Task<TableEntity> BeginAsync(InfoMailMessage message, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(InfoMailIds.DayKey(message.CreatedAt), InfoMailIds.Reference(message.InfoMailId))
        {
            ["CrimeType"] = message.CrimeType,
            ["Language"] = message.Language,
            ["Blocks"] = string.Join(',', message.Blocks),
            ["BlockCount"] = message.Blocks.Count,
            ["CreatedAt"] = message.CreatedAt,
            ["RequestedBy"] = message.RequestedBy,
            ["Recipient"] = message.Recipient,
            ["Status"] = InfoMailStatus.Sending,
        };
        return await table.TryAddEntityAsync(entity, cancellationToken) is not null
            ? entity
            : (await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken)).Value;
    }

    public async Task RecordOutcomeAsync(InfoMailMessage message, string status, string? operationId, string? errorCode, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var update = new TableEntity(InfoMailIds.DayKey(message.CreatedAt), InfoMailIds.Reference(message.InfoMailId))
        {
            ["Status"] = status,
            [status == InfoMailStatus.Sent ? "SentAt" : "LastAttemptAt"] = at,
        };
        if (operationId is not null) update["OperationId"] = operationId;
        if (errorCode is not null) update["ErrorCode"] = errorCode;
        await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<TableEntity?> FindAsync(Guid id, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(InfoMailIds.DayKey(createdAt), InfoMailIds.Reference(id), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Records a rating once. The comment is kept only while the address is (the purge erases both); a rating given after
    /// the purge keeps its score only.
    /// </summary>
    public async Task<RatingOutcome> RateAsync(Guid id, DateTimeOffset createdAt, int score, string? comment, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = await FindAsync(id, createdAt, cancellationToken);
        if (row is null) return RatingOutcome.NotFound;
        if (row.GetInt32("SatisfactionScore") is not null) return RatingOutcome.AlreadyRated;

        var update = new TableEntity(row.PartitionKey, row.RowKey)
        {
            ["SatisfactionScore"] = score,
            ["RatedAt"] = at,
        };
        if (comment is not null && row.GetDateTimeOffset("RecipientErasedAt") is null) update["SatisfactionComment"] = comment;
        try
        {
            // Only if nobody rated in between: the ETag of the row we read.
            await table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
            return RatingOutcome.Recorded;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return RatingOutcome.AlreadyRated;
        }
    }

    /// <summary>
    /// Erases the address (and a satisfaction comment) of every mail requested at or before <paramref name="cutoff"/>, reading
    /// only the days from <paramref name="firstDay"/> on. Everything else stays for the statistics.
    /// </summary>
    public async Task<int> EraseRecipientsAsync(DateOnly firstDay, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lastDay = DateOnly.FromDateTime(cutoff.UtcDateTime);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {InfoMailIds.DayKey(firstDay)} and PartitionKey le {InfoMailIds.DayKey(lastDay)} and CreatedAt le {cutoff} and Recipient ne {""}");
        var erased = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            var update = new TableEntity(entity.PartitionKey, entity.RowKey)
            {
                ["Recipient"] = "",
                ["SatisfactionComment"] = "",
                ["RecipientErasedAt"] = now,
            };
            await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
            erased++;
        }
        return erased;
    }
}
