using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Steunpunt.Common.Http;
using Steunpunt.Common.Storage;

namespace Steunpunt.Common.RateLimits;

/// <summary>
/// The one limiter of every slice. Counters live in the <c>RateLimits</c> table, so a limit holds across instances:
/// one row per limit, key and <see cref="FixedWindow"/>, counted up with ETag concurrency (a read and a write per
/// allowed act). The key (a client address, a contact detail) is reduced to an HMAC with a key from
/// <see cref="AppSecrets"/>, so no row holds it in clear. Storage that does not answer throws, as every store here
/// does, and the request answers 503 with <c>Retry-After</c>: the request needs storage anyway.
/// A refusal is also remembered in memory until its window ends: counts only rise within a window, so a remembered
/// refusal is still true on every instance, and a flood that is refused costs no storage calls.
/// </summary>
public sealed class RateLimiter(StorageAccount storage, AppSecrets secrets, ClientAddressRule addresses, TimeProvider clock) : IDisposable
{
    public const string KeyName = "rate-limits";

    /// <summary>Tries to take a permit a few times when other requests change the same counter meanwhile; a key that loses that often is flooding.</summary>
    private const int Attempts = 8;

    private readonly MemoryCache refusals = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>One act of the request's client (see <see cref="ClientAddressRule"/>) under <paramref name="limit"/>.</summary>
    public Task<RateLimitOutcome> ForClientAsync(RateLimit limit, HttpRequest request, CancellationToken cancellationToken)
        => TryAcquireAsync(limit, "client:" + (addresses.ClientOf(request)?.ToString() ?? "unknown"), cancellationToken);

    /// <summary>One act for <paramref name="subject"/> (normalised by the caller: one detail, one text) under <paramref name="limit"/>.</summary>
    public async Task<RateLimitOutcome> TryAcquireAsync(RateLimit limit, string subject, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = FixedWindow.Of(now, limit.Window);
        var (partition, row) = await CounterKeyAsync(limit, subject, window, cancellationToken);
        var cacheKey = partition + "/" + row;
        if (limit.Permits < 1) return RateLimitOutcome.Refuse(window.RetryAfterAt(now));
        if (refusals.TryGetValue(cacheKey, out DateTimeOffset refusedUntil) && now < refusedUntil) return RateLimitOutcome.Refuse(window.RetryAfterAt(now));

        var table = storage.Tables.GetTableClient(StorageNames.Tables.RateLimits);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                var first = new TableEntity(partition, row) { [CountColumn] = 1, [EndsColumn] = window.End };
                if (await table.TryAddEntityAsync(first, cancellationToken) is not null) return RateLimitOutcome.Allow;
                continue;
            }
            var counter = existing.Value!;
            var used = counter.GetInt32(CountColumn) ?? 0;
            if (window.Decide(used, limit.Permits, now).Refused) return Remember(cacheKey, window, now);
            counter[CountColumn] = used + 1;
            if (await table.TryUpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, cancellationToken) is not null) return RateLimitOutcome.Allow;
        }
        return RateLimitOutcome.Refuse(TimeSpan.FromSeconds(1));
    }

    private RateLimitOutcome Remember(string cacheKey, FixedWindow window, DateTimeOffset now)
    {
        var outcome = RateLimitOutcome.Refuse(window.RetryAfterAt(now));
        refusals.Set(cacheKey, window.End, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = outcome.RetryAfter });
        return outcome;
    }

    private const string CountColumn = "Count";
    private const string EndsColumn = "EndsAt";

    /// <summary>
    /// Partition: the UTC day the window ends (so the purge drops whole days) and the hash's first two hex digits (256
    /// partitions a day, to spread the load). Row: the limit, the window's start and the keyed hash of the subject.
    /// </summary>
    public async Task<(string Partition, string Row)> CounterKeyAsync(RateLimit limit, string subject, FixedWindow window, CancellationToken cancellationToken)
    {
        var key = await secrets.KeyAsync(KeyName, cancellationToken);
        var hash = Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(limit.Name + "\n" + subject)));
        return ($"{PartitionKeys.Day(window.End)}-{hash[..2]}",
            $"{limit.Name}-{window.Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}-{hash}");
    }

    /// <summary>Deletes the counters of windows that ended before today (UTC); returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var table = storage.Tables.GetTableClient(StorageNames.Tables.RateLimits);
        var today = PartitionKeys.Day(clock.GetUtcNow());
        var deleted = 0;
        var batch = new List<TableTransactionAction>();
        string? batchPartition = null;
        await foreach (var counter in table.QueryAsync<TableEntity>($"PartitionKey lt '{today}'", select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (batch.Count == 100 || (batchPartition is not null && batchPartition != counter.PartitionKey))
            {
                deleted += await DeleteAsync(table, batch, cancellationToken);
                batch.Clear();
            }
            batchPartition = counter.PartitionKey;
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, counter, ETag.All));
        }
        if (batch.Count > 0) deleted += await DeleteAsync(table, batch, cancellationToken);
        return deleted;
    }

    private static async Task<int> DeleteAsync(TableClient table, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException failed) when (failed.Status == 404)
        {
            // Another purge got there first: the rows are gone either way, and the next run takes what this one left.
            return 0;
        }
        return batch.Count;
    }

    public void Dispose() => refusals.Dispose();
}
