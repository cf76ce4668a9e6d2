using System.Globalization;
using Azure.Data.Tables;

namespace Steunpunt.Common.Storage;

/// <summary>How far a timer got, so the next run starts there instead of re-reading everything.</summary>
public sealed class Watermarks(StorageAccount storage)
{
    private const string Partition = "watermark";
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.Tables.Watermarks);

    public async Task<DateOnly?> GetDayAsync(string name, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken);
        return response.HasValue && DateOnly.TryParseExact(response.Value!.GetString("Day"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    public Task SetDayAsync(string name, DateOnly day, CancellationToken cancellationToken)
        => table.UpsertEntityAsync(new TableEntity(Partition, name) { ["Day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>What a purge run named <paramref name="name"/> reads now: from its watermark to the retention cutoff.</summary>
    public async Task<RetentionWindow> RetentionWindowAsync(string name, DateTimeOffset now, int retentionDays, CancellationToken cancellationToken)
        => RetentionWindow.From(await GetDayAsync(name, cancellationToken), now, retentionDays);

    public async Task<DateTimeOffset?> GetInstantAsync(string name, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, name, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.GetDateTimeOffset("At") : null;
    }

    public Task SetInstantAsync(string name, DateTimeOffset at, CancellationToken cancellationToken)
        => table.UpsertEntityAsync(new TableEntity(Partition, name) { ["At"] = at }, TableUpdateMode.Replace, cancellationToken);
}
