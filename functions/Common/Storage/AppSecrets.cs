using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace Steunpunt.Common.Storage;

/// <summary>
/// Keys the app makes for itself, such as the key of a keyed hash: created once (the first instance to write wins),
/// then read. They live in table storage behind the managed identity, not in app settings, so no deployment can
/// rotate one by accident (which would make every stored hash useless).
/// </summary>
public sealed class AppSecrets(StorageAccount storage)
{
    private const string Partition = "keys";
    private readonly ConcurrentDictionary<string, byte[]> cache = new(StringComparer.Ordinal);

    public async Task<byte[]> KeyAsync(string name, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(name, out var cached)) return cached;
        var table = storage.Tables.GetTableClient(StorageNames.Tables.AppSecrets);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken);
        if (!existing.HasValue)
        {
            try
            {
                await table.AddEntityAsync(new TableEntity(Partition, name) { ["Value"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                // Another instance made it first: use theirs.
            }
            existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken);
        }
        var key = Convert.FromBase64String(existing.Value!.GetString("Value"));
        return cache.GetOrAdd(name, key);
    }
}
