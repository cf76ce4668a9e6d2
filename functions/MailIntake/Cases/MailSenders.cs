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

    /// <summary>
    /// Whether the address wrote before (for a case other than <paramref name="caseId"/>), remembering this case. Safe to
    /// repeat for the same case (a redelivered message): the answer compares the first case remembered with this one, and
    /// the row only moves forward in time, so a late repeat of an older case never makes the sender look less recent.
    /// </summary>
    /// <remarks>
    /// A new sender costs one request: the insert, which also settles a race between two first mails from one address
    /// (exactly one insert wins; the other sees the winner's case and counts as repeat contact). A known sender costs
    /// three (the insert's 409, the read, a conditional merge) instead of the two a read first takes for either. Which
    /// is cheaper overall depends on the share of known senders, not known yet; the mail insights' new-versus-repeat
    /// figures will tell (above half known, reading first is cheaper).
    /// </remarks>
    public async Task<bool> SeenBeforeAsync(string hash, string caseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= OptimisticConcurrency.Attempts; attempt++)
        {
            if (await Table.TryAddEntityAsync(new TableEntity(hash, RowKeyValue) { ["FirstCaseId"] = caseId, ["LastSeen"] = at, ["LastCaseId"] = caseId }, cancellationToken) is not null)
            {
                return false;
            }
            // Known: read what is remembered.
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(hash, RowKeyValue, cancellationToken: cancellationToken);
            if (!existing.HasValue) continue; // forgotten between the insert and the read: insert again
            var row = existing.Value!;
            var before = row.GetString("FirstCaseId") != caseId;
            if (!IsNewer(at, row.GetDateTimeOffset("LastSeen"))) return before;
            // ETag: a concurrent mail from the same address moves LastSeen too; the later one must win. Changed or
            // forgotten meanwhile (null): look again.
            var update = new TableEntity(hash, RowKeyValue) { ["LastSeen"] = at, ["LastCaseId"] = caseId };
            if (await Table.TryUpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken) is not null) return before;
        }
        // Only under a storm of mails from one address; the queue tries the message again.
        throw new InvalidOperationException("The sender row kept changing; try again later.");
    }

    /// <summary>The last case this address wrote, while the address is remembered; null for an address that never used the mail form.</summary>
    public async Task<string?> LastCaseIdAsync(string hash, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(hash, RowKeyValue, select: ["LastCaseId"], cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("LastCaseId") : null;
    }

    /// <summary>Whether a mail received at <paramref name="at"/> is later than what the sender row remembers (nothing remembered: yes).</summary>
    public static bool IsNewer(DateTimeOffset at, DateTimeOffset? lastSeen) => lastSeen is not { } last || at > last;

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
