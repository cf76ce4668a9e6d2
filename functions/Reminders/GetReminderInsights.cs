using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;
using Steunpunt.Reminders.Insights;
using Steunpunt.StaffAuth;

namespace Steunpunt.Reminders;

/// <summary>The no-show experiment: no-show rate per arm with 95% intervals and a two-proportion test.</summary>
public sealed class GetReminderInsights(StaffDateRange staffRange, ReminderInsightsQuery query, IOptions<ReminderOptions> options)
{
    [Function(nameof(GetReminderInsights))]
    public async Task<Results<JsonResponse<ReminderInsights>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "insights/reminders")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (_, from, to, failure) = await staffRange.ReadAsync(request, options.Value.MaxInsightsDays, cancellationToken);
        if (failure is not null) return failure;
        return new JsonResponse<ReminderInsights>(await query.RunAsync(from, to, cancellationToken));
    }
}
