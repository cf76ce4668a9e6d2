using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Storage;

namespace Steunpunt.InfoMails;

public sealed class DeliverInfoMail(InfoMailDelivery delivery)
{
    [Function(nameof(DeliverInfoMail))]
    public async Task Run([QueueTrigger(StorageNames.Queues.InfoMails)] string message, CancellationToken cancellationToken)
    {
        var request = QueueContract.Read<InfoMailMessage>(message, m => m.SchemaVersion, InfoMailMessage.CurrentSchemaVersion, "information-mail");
        await delivery.DeliverAsync(request, cancellationToken);
    }
}
