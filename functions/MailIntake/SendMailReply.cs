using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Storage;
using Steunpunt.MailIntake.Staff;

namespace Steunpunt.MailIntake;

public sealed class SendMailReply(MailReplySender sender)
{
    [Function(nameof(SendMailReply))]
    public Task Run([QueueTrigger(StorageNames.Queues.MailReplies)] string message, CancellationToken cancellationToken)
    {
        var parsed = QueueContract.Read<MailReplyMessage>(message, m => m.SchemaVersion, MailReplyMessage.CurrentSchemaVersion, "mail-reply");
        return sender.SendAsync(parsed, cancellationToken);
    }
}
