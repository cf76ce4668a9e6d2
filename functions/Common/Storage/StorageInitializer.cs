using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Steunpunt.Common.Storage;

public sealed class StorageInitializerOptions
{
    /// <summary>Create missing tables and queues at start. Azurite starts empty; in Azure, Bicep creates them and this can be off.</summary>
    public bool CreateIfMissing { get; set; } = true;
}

/// <summary>Creates every table and queue in <see cref="StorageNames"/> (and the poison queues) before the app takes work.</summary>
public sealed class StorageInitializer(StorageAccount storage, IOptions<StorageInitializerOptions> options, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateIfMissing) return;
        try
        {
            await Task.WhenAll(
                StorageNames.Tables.All.Select(table => storage.Tables.CreateTableIfNotExistsAsync(table, cancellationToken))
                    .Concat<Task>(StorageNames.Queues.All
                        .SelectMany(queue => new[] { queue, StorageNames.Queues.PoisonOf(queue) })
                        .Select(queue => storage.Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
        }
        catch (RequestFailedException exception)
        {
            // Start anyway: /api/health reports storage as down, which says more than a crashed host.
            logger.LogError(exception, "Could not create the tables and queues (status {Status}, code {Code}).", exception.Status, exception.ErrorCode);
        }
        catch (Exception exception) when (exception is HttpRequestException or AggregateException)
        {
            logger.LogError(exception, "Storage did not answer while creating the tables and queues.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
