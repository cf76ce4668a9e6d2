using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.Reminders.Appointments;
using Steunpunt.StaffAuth;

namespace Steunpunt.Reminders;

/// <summary>The appointments of one local day (<c>?day=yyyy-MM-dd</c>, default today), earliest first, a page at a time.</summary>
public sealed class ListAppointments(StaffAuthenticator auth, StaffAppointments appointments)
{
    [Function(nameof(ListAppointments))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/appointments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var (day, dayError) = DayQuery.Parse(request.Query["day"].ToString(), appointments.Today());
        if (dayError is not null) return Problem.Validation("day", dayError);
        var (page, problem) = PageQuery.Read(request, AppointmentStore.IsDayRowKey);
        if (problem is not null) return problem;
        var (list, next) = await appointments.DayAsync(day, page.After, page.Limit, cancellationToken);
        return new JsonResponse(new { day, appointments = list, cursor = PageQuery.Cursor(next) });
    }
}
