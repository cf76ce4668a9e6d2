using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.Reminders.Appointments;
using Steunpunt.StaffAuth;

namespace Steunpunt.Reminders;

/// <summary>Cancel an appointment: its reminders are not sent.</summary>
public sealed class CancelAppointment(StaffAuthenticator auth, StaffAppointments appointments)
{
    [Function(nameof(CancelAppointment))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/appointments/{id}/cancel")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await appointments.CancelAsync(id, cancellationToken);
    }
}
