using Azure;
using Steunpunt.Common.Storage;

namespace Steunpunt.Health;

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Storage);

/// <summary>Asks the table and queue services for one page each; a dead or misconfigured account shows here.</summary>
public sealed class StorageHealthCheck(StorageAccount storage)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var tables = Probe(async token =>
        {
            await foreach (var _ in storage.Tables.QueryAsync(maxPerPage: 1, cancellationToken: token).AsPages(pageSizeHint: 1)) break;
        }, timeout.Token);
        var queues = Probe(async token =>
        {
            await foreach (var _ in storage.Queues.GetQueuesAsync(cancellationToken: token).AsPages(pageSizeHint: 1)) break;
        }, timeout.Token);
        var results = new Dictionary<string, string> { ["tables"] = await tables, ["queues"] = await queues };
        return new HealthReport(results.Values.All(v => v == "ok") ? "healthy" : "unhealthy", results);
    }

    private static async Task<string> Probe(Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        try
        {
            await probe(cancellationToken);
            return "ok";
        }
        catch (RequestFailedException exception)
        {
            return $"error ({exception.Status} {exception.ErrorCode})";
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or AggregateException)
        {
            return "unreachable";
        }
    }
}
