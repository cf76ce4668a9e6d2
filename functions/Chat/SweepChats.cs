using Microsoft.Azure.Functions.Worker;

namespace Steunpunt.Chat;

public sealed class SweepChats(ChatSweep sweep)
{
    /// <summary>Every minute: alerts for chats waiting too long, and idle chats closed.</summary>
    [Function(nameof(SweepChats))]
    public Task Run([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}
