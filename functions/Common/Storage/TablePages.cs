using Azure.Data.Tables;

namespace Steunpunt.Common.Storage;

/// <summary>A page of one partition in row-key order, continued after the last row key the reader has.</summary>
public static class TablePages
{
    /// <returns>At most <paramref name="limit"/> rows after <paramref name="after"/>, and the row key to continue after when more follow (else null).</returns>
    public static async Task<(IReadOnlyList<TableEntity> Rows, string? Next)> ReadAsync(
        TableClient table, string partition, string? after, int limit, CancellationToken cancellationToken)
    {
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");
        var rows = new List<TableEntity>(limit);
        // One row more than asked says whether a next page exists, without a second round trip.
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: limit + 1, cancellationToken: cancellationToken))
        {
            if (rows.Count == limit) return (rows, rows[^1].RowKey);
            rows.Add(row);
        }
        return (rows, null);
    }
}
