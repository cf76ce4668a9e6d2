using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Steunpunt.Common;
using Steunpunt.Common.Http;

namespace Steunpunt.StaffAuth;

/// <summary>Either the staff member and the asked period, or the 401/403 or 400 answer to give instead.</summary>
public readonly record struct StaffDateRangeResult(StaffMember? Member, DateOnly From, DateOnly To, ProblemResult? Failure);

/// <summary>
/// The preamble every insights endpoint shares: the staff token first, then <c>?from</c>/<c>?to</c>, whose default
/// ends on the organisation's today.
/// </summary>
public sealed class StaffDateRange(StaffAuthenticator auth, OrganisationClock clock)
{
    public async Task<StaffDateRangeResult> ReadAsync(HttpRequest request, int maxDays, CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return new(null, default, default, staff.Failure);
        var (from, to, problem) = DateRangeQuery.Parse(request, clock.Today(), maxDays);
        return new(staff.Member, from, to, problem);
    }
}
