using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.Reminders.Appointments;
using Steunpunt.StaffAuth;

namespace Steunpunt.Reminders;

/// <summary>Record attended, no-show or cancelled, for the experiment.</summary>
public sealed class RecordAppointmentOutcome(StaffAuthenticator auth, StaffAppointments appointments)
{
    [Function(nameof(RecordAppointmentOutcome))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/appointments/{id}/outcome")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var body = await JsonBody.ReadAsync<AppointmentOutcomeRequest>(request, cancellationToken: cancellationToken);
        if (!body.IsValid) return body.Problem!;
        return await appointments.RecordOutcomeAsync(id, body.Value!, cancellationToken);
    }
}
