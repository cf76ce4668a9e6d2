using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;

namespace Steunpunt.MailIntake.Cases;

/// <summary>
/// "Did this sender write before?" without keeping the address for it: a keyed hash (HMAC-SHA256 with a key the app
/// made for itself, see <see cref="AppSecrets"/>) of the normalised address, with when it was last seen. Forgotten
/// after <c>MailIntake:SenderMemoryDays</c> of silence.
/// </summary>
public sealed class MailSenders(StorageAccount storage, AppSecrets secrets)
{
    public const string KeyName = "mail-sender-hash";
    private const string RowKeyValue = "sender";
    private TableClient Table => storage.Tables.GetTableClient(StorageNames.Tables.MailSenders);

    public async Task<string> HashAsync(string normalisedAddress, CancellationToken cancellationToken)
        => Convert.ToHexString(HMACSHA256.HashData(await secrets.KeyAsync(KeyName, cancellationToken), Encoding.UTF8.GetBytes(normalisedAddress)));

    /// <summary>Whether the address wrote before (for a case other than <paramref name="caseId"/>), remembering this case.</summary>
    public async Task<bool> SeenBeforeAsync(string hash, string caseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var existing = await Table.GetEntityIfExistsAsync<TableEntity>(hash, RowKeyValue, cancellationToken: cancellationToken);
        var before = existing.HasValue && existing.Value!.GetString("FirstCaseId") != caseId;
        var entity = new TableEntity(hash, RowKeyValue) { ["LastSeen"] = at, ["LastCaseId"] = caseId };
        if (!existing.HasValue) entity["FirstCaseId"] = caseId;
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
        return before;
    }

    /// <summary>Forgets senders not seen since <paramref name="cutoff"/>.</summary>
    public async Task<int> ForgetAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var forgotten = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"LastSeen lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            forgotten++;
        }
        return forgotten;
    }
}
