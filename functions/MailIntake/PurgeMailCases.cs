using Microsoft.Azure.Functions.Worker;
using Steunpunt.MailIntake.Cases;

namespace Steunpunt.MailIntake;

public sealed class PurgeMailCases(MailCaseRetention retention)
{
    /// <summary>Every night at 03:45 (UTC in Azure); it reads every month that can hold a due case, so a missed night is caught up.</summary>
    [Function(nameof(PurgeMailCases))]
    public Task Run([TimerTrigger("0 45 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) => retention.PurgeAsync(cancellationToken);
}
