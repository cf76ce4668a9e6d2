using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.MailIntake.Staff;

namespace Steunpunt.MailIntake;

public sealed class SendMailReply(MailReplySender sender)
{
    [Function(nameof(SendMailReply))]
    public Task Run([QueueTrigger(StorageNames.Queues.MailReplies)] string message, CancellationToken cancellationToken)
    {
        var parsed = JsonSerializer.Deserialize<MailReplyMessage>(message, JsonDefaults.Web) ?? throw new InvalidDataException("Empty mail-reply message.");
        if (parsed.SchemaVersion != MailReplyMessage.CurrentSchemaVersion) throw new InvalidDataException($"Mail-reply schema version {parsed.SchemaVersion} is not supported.");
        return sender.SendAsync(parsed, cancellationToken);
    }
}
