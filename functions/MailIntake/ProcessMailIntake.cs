using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.MailIntake.Cases;

namespace Steunpunt.MailIntake;

public sealed class ProcessMailIntake(MailCaseIntake intake)
{
    [Function(nameof(ProcessMailIntake))]
    public Task Run([QueueTrigger(StorageNames.Queues.MailIntake)] string message, CancellationToken cancellationToken)
    {
        var parsed = JsonSerializer.Deserialize<MailIntakeMessage>(message, JsonDefaults.Web) ?? throw new InvalidDataException("Empty mail-intake message.");
        if (parsed.SchemaVersion != MailIntakeMessage.CurrentSchemaVersion)
        {
            // Thrown, so the host retries and then parks it in the poison queue for a person to look at.
            throw new InvalidDataException($"Mail-intake schema version {parsed.SchemaVersion} is not supported.");
        }
        return intake.HandleAsync(parsed, cancellationToken);
    }
}
