using Azure;
using Azure.Data.Tables;

namespace Steunpunt.Common.Storage;

public static class TableInserts
{
    /// <summary>
    /// Inserts a row that should be new: the store's answer, or null when a row with that key is there already (409).
    /// An insert checks for the key once, where an upsert of a new row looks it up and then writes it; a 409 is how a
    /// redelivery or a concurrent writer shows itself, and each caller decides what that means.
    /// </summary>
    public static async Task<Response?> TryAddEntityAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken) where T : ITableEntity
    {
        try
        {
            return await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return null;
        }
    }
}
