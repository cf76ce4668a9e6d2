using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;

namespace Steunpunt.InfoMails;

public sealed class DeliverInfoMail(InfoMailDelivery delivery)
{
    [Function(nameof(DeliverInfoMail))]
    public async Task Run([QueueTrigger(StorageNames.Queues.InfoMails)] string message, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<InfoMailMessage>(message, JsonDefaults.Web)
            ?? throw new InvalidDataException("Empty information-mail message.");
        if (request.SchemaVersion != InfoMailMessage.CurrentSchemaVersion)
        {
            // Thrown, so the host retries and then parks it in the poison queue for a person to look at.
            throw new InvalidDataException($"Information-mail schema version {request.SchemaVersion} is not supported.");
        }
        await delivery.DeliverAsync(request, cancellationToken);
    }
}
