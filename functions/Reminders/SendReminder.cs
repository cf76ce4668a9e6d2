using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.Reminders.Sending;

namespace Steunpunt.Reminders;

public sealed class SendReminder(ReminderSender sender)
{
    [Function(nameof(SendReminder))]
    public Task Run([QueueTrigger(StorageNames.Queues.SmsReminders)] string message, CancellationToken cancellationToken)
    {
        var parsed = JsonSerializer.Deserialize<ReminderMessage>(message, JsonDefaults.Web) ?? throw new InvalidDataException("Empty reminder message.");
        if (parsed.SchemaVersion != ReminderMessage.CurrentSchemaVersion) throw new InvalidDataException($"Reminder schema version {parsed.SchemaVersion} is not supported.");
        return sender.SendAsync(parsed, cancellationToken);
    }
}
