using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.SelfTests.Contact;

namespace Steunpunt.SelfTests;

public sealed class StoreSelfTestContactRequest(ContactRequestStore store, ILogger<StoreSelfTestContactRequest> logger)
{
    [Function(nameof(StoreSelfTestContactRequest))]
    public async Task Run([QueueTrigger(StorageNames.Queues.SelfTestContactRequests)] string message, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<SelfTestContactRequest>(message, JsonDefaults.Web)
            ?? throw new InvalidDataException("Empty contact-request message.");
        if (request.SchemaVersion != SelfTestContactRequest.CurrentSchemaVersion)
        {
            // Thrown, so the host retries and then parks it in the poison queue for a person to look at.
            throw new InvalidDataException($"Contact-request schema version {request.SchemaVersion} is not supported.");
        }
        var stored = await store.StoreAsync(request, cancellationToken);
        logger.LogInformation("Self-test contact request {RequestId} via {Channel}: {Outcome}.",
            request.RequestId, request.Channel, stored ? "stored" : "already stored");
    }
}
