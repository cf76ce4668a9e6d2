using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.Reminders.Appointments;
using Steunpunt.StaffAuth;

namespace Steunpunt.Reminders;

/// <summary>Create an appointment (and plan its reminders).</summary>
public sealed class CreateAppointment(StaffAuthenticator auth, StaffAppointments appointments)
{
    [Function(nameof(CreateAppointment))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/appointments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var body = await JsonBody.ReadAsync<AppointmentRequest>(request, cancellationToken: cancellationToken);
        if (!body.IsValid) return body.Problem!;
        return await appointments.CreateAsync(body.Value!, cancellationToken);
    }
}
