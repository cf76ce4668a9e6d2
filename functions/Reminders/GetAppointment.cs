using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.Reminders.Appointments;
using Steunpunt.StaffAuth;

namespace Steunpunt.Reminders;

/// <summary>An appointment as staff see it (phone number masked).</summary>
public sealed class GetAppointment(StaffAuthenticator auth, StaffAppointments appointments)
{
    [Function(nameof(GetAppointment))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/appointments/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        return await appointments.GetAsync(id, cancellationToken);
    }
}
