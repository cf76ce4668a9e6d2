using Microsoft.Azure.Functions.Worker;
using Steunpunt.SelfTests.Contact;

namespace Steunpunt.SelfTests;

public sealed class PurgeSelfTestContactDetails(ContactDetailPurge purge)
{
    /// <summary>Every night at 03:15; a missed night is caught up by the next run (the watermark remembers).</summary>
    [Function(nameof(PurgeSelfTestContactDetails))]
    public Task Run([TimerTrigger("0 15 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
        => purge.RunAsync(cancellationToken);
}
