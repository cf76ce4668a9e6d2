using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Storage;
using Steunpunt.Reminders.Sending;

namespace Steunpunt.Reminders;

public sealed class SendReminder(ReminderSender sender)
{
    [Function(nameof(SendReminder))]
    public Task Run([QueueTrigger(StorageNames.Queues.SmsReminders)] string message, CancellationToken cancellationToken)
    {
        var parsed = QueueContract.Read<ReminderMessage>(message, m => m.SchemaVersion, ReminderMessage.CurrentSchemaVersion, "reminder");
        return sender.SendAsync(parsed, cancellationToken);
    }
}
