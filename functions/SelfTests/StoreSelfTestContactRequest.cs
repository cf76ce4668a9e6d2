using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Notifications;
using Steunpunt.Common.Storage;
using Steunpunt.SelfTests.Contact;

namespace Steunpunt.SelfTests;

public sealed class StoreSelfTestContactRequest(ContactRequestStore store, IStaffNotifications staff, ILogger<StoreSelfTestContactRequest> logger)
{
    [Function(nameof(StoreSelfTestContactRequest))]
    public async Task Run([QueueTrigger(StorageNames.Queues.SelfTestContactRequests)] string message, CancellationToken cancellationToken)
    {
        var request = QueueContract.Read<SelfTestContactRequest>(message, m => m.SchemaVersion, SelfTestContactRequest.CurrentSchemaVersion, "contact-request");
        var stored = await store.StoreAsync(request, cancellationToken);
        // Also when it was stored before: the attempt that stored it may have stopped before this line. The id follows
        // from the request, so staff get one notification however often the message comes.
        await NotifyAsync(staff, request, cancellationToken);
        logger.LogInformation("Self-test contact request {RequestId} via {Channel}: {Outcome}.",
            request.RequestId, request.Channel, stored ? "stored" : "already stored");
    }

    /// <summary>Which test and which channel, never the contact detail itself.</summary>
    public static Task NotifyAsync(IStaffNotifications staff, SelfTestContactRequest request, CancellationToken cancellationToken)
        => staff.RaiseAsync(StaffNotificationKinds.SelfTestContactRequest, request.RequestId.ToString("N"), request.RequestedAt,
            new Dictionary<string, string> { ["testId"] = request.TestId, ["channel"] = request.Channel },
            idempotencyKey: request.RequestId.ToString("N"), cancellationToken);
}
