using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Steunpunt.Reminders.Appointments;

namespace Steunpunt.Reminders;

public sealed class PurgeAppointmentPhones(AppointmentStore store, IOptions<ReminderOptions> options, TimeProvider clock)
{
    /// <summary>Every night at 03:15 (UTC): erases the phone numbers of appointments older than the retention period; outcomes stay.</summary>
    [Function(nameof(PurgeAppointmentPhones))]
    public Task Run([TimerTrigger("0 15 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return store.ErasePhonesAsync(now.AddDays(-options.Value.PhoneRetentionDays), now, cancellationToken);
    }
}
