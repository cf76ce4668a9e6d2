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

    /// <summary>
    /// Updates a row only if it is still the one that was read (<paramref name="ifMatch"/>): the store's answer, or null
    /// when somebody changed it meanwhile (412) or it is gone (404). Each caller decides what losing that race means.
    /// </summary>
    public static async Task<Response?> TryUpdateEntityAsync<T>(this TableClient table, T entity, ETag ifMatch, TableUpdateMode mode, CancellationToken cancellationToken) where T : ITableEntity
    {
        try
        {
            return await table.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return null;
        }
    }
}
