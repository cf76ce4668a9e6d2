using Microsoft.Azure.Functions.Worker;

namespace Steunpunt.Chat;

public sealed class PurgeChatTranscripts(ChatTranscriptPurge purge)
{
    /// <summary>Every night at 03:30; a missed night is caught up by the next run (the watermark remembers).</summary>
    [Function(nameof(PurgeChatTranscripts))]
    public Task Run([TimerTrigger("0 30 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) => purge.RunAsync(cancellationToken);
}
