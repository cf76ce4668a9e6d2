using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;
using Steunpunt.MailIntake.Insights;
using Steunpunt.StaffAuth;

namespace Steunpunt.MailIntake;

public sealed class GetMailInsights(StaffAuthenticator auth, MailInsightsQuery query, IOptions<MailIntakeOptions> options, TimeProvider clock)
{
    [Function(nameof(GetMailInsights))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "insights/mail")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var staff = await auth.AuthenticateAsync(request, StaffRole.Staff, cancellationToken);
        if (staff.Failure is not null) return staff.Failure;
        var (from, to, problem) = DateRangeQuery.Parse(request, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), options.Value.MaxInsightsDays);
        if (problem is not null) return problem;
        return new JsonResponse(await query.RunAsync(from, to, cancellationToken));
    }
}
