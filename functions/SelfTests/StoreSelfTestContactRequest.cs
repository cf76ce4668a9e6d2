using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Storage;
using Steunpunt.SelfTests.Contact;
using Steunpunt.StaffNotifications;

namespace Steunpunt.SelfTests;

public sealed class StoreSelfTestContactRequest(ContactRequestStore store, WorkQueue queue, ILogger<StoreSelfTestContactRequest> logger)
{
    [Function(nameof(StoreSelfTestContactRequest))]
    public async Task Run([QueueTrigger(StorageNames.Queues.SelfTestContactRequests)] string message, CancellationToken cancellationToken)
    {
        var request = QueueContract.Read<SelfTestContactRequest>(message, m => m.SchemaVersion, SelfTestContactRequest.CurrentSchemaVersion, "contact-request");
        var stored = await store.StoreAsync(request, cancellationToken);
        // Also when it was stored before: the attempt that stored it may have stopped before this line. The id follows
        // from the request, so staff get one notification however often the message comes.
        await queue.SendAsync(StorageNames.Queues.StaffNotifications, ContactRequestNotification(request), cancellationToken: cancellationToken);
        logger.LogInformation("Self-test contact request {RequestId} via {Channel}: {Outcome}.",
            request.RequestId, request.Channel, stored ? "stored" : "already stored");
    }

    /// <summary>Which test and which channel, never the contact detail itself.</summary>
    public static StaffNotification ContactRequestNotification(SelfTestContactRequest request)
        => StaffNotification.Create(StaffNotificationKinds.SelfTestContactRequest, request.RequestId.ToString("N"), request.RequestedAt,
            new Dictionary<string, string> { ["testId"] = request.TestId, ["channel"] = request.Channel },
            idempotencyKey: request.RequestId.ToString("N"));
}
