using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;
using Steunpunt.Reminders.Insights;
using Steunpunt.StaffAuth;

namespace Steunpunt.Reminders;

/// <summary>The no-show experiment: no-show rate per arm with 95% intervals and a two-proportion test.</summary>
public sealed class GetReminderInsights(StaffAuthenticator auth, ReminderInsightsQuery query, IOptions<ReminderOptions> options, TimeProvider clock)
{
    private readonly TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    [Function(nameof(GetReminderInsights))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "insights/reminders")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var (from, to, problem) = DateRangeQuery.Parse(request, today, options.Value.MaxInsightsDays);
        if (problem is not null) return problem;
        return new JsonResponse(await query.RunAsync(from, to, cancellationToken));
    }
}
