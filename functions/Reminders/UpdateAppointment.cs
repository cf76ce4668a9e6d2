using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.Reminders.Appointments;
using Steunpunt.StaffAuth;

namespace Steunpunt.Reminders;

/// <summary>Change an appointment: a new version, whose reminders replace the old ones.</summary>
public sealed class UpdateAppointment(StaffAuthenticator auth, StaffAppointments appointments)
{
    [Function(nameof(UpdateAppointment))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "staff/appointments/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var body = await JsonBody.ReadAsync<AppointmentRequest>(request, cancellationToken: cancellationToken);
        if (!body.IsValid) return body.Problem!;
        return await appointments.UpdateAsync(id, body.Value!, request.Headers.IfMatch.ToString(), cancellationToken);
    }
}
