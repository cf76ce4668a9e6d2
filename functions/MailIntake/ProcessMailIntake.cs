using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Storage;
using Steunpunt.MailIntake.Cases;

namespace Steunpunt.MailIntake;

public sealed class ProcessMailIntake(MailCaseIntake intake)
{
    [Function(nameof(ProcessMailIntake))]
    public Task Run([QueueTrigger(StorageNames.Queues.MailIntake)] string message, CancellationToken cancellationToken)
    {
        var parsed = QueueContract.Read<MailIntakeMessage>(message, m => m.SchemaVersion, MailIntakeMessage.CurrentSchemaVersion, "mail-intake");
        return intake.HandleAsync(parsed, cancellationToken);
    }
}
