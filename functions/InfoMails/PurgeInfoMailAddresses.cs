using Microsoft.Azure.Functions.Worker;

namespace Steunpunt.InfoMails;

public sealed class PurgeInfoMailAddresses(InfoMailAddressPurge purge)
{
    /// <summary>Every night at 03:45; a missed night is caught up by the next run (the watermark remembers).</summary>
    [Function(nameof(PurgeInfoMailAddresses))]
    public Task Run([TimerTrigger("0 45 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) => purge.RunAsync(cancellationToken);
}
