using System.Text.Json;
using Azure.Storage.Queues;
using Steunpunt.Common.Json;

namespace Steunpunt.Common.Storage;

/// <summary>Puts versioned JSON contracts on a queue, base64-encoded as the Functions queue trigger expects.</summary>
public sealed class WorkQueue(StorageAccount storage)
{
    public async Task SendAsync<T>(string queueName, T message, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var client = Client(queueName);
        var json = JsonSerializer.SerializeToUtf8Bytes(message, JsonDefaults.Web);
        await client.SendMessageAsync(new BinaryData(json), visibilityTimeout: null, timeToLive: timeToLive, cancellationToken);
    }

    public QueueClient Client(string queueName) => storage.Queues.GetQueueClient(queueName);
}
