using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;
using Steunpunt.MailIntake.Insights;
using Steunpunt.StaffAuth;

namespace Steunpunt.MailIntake;

public sealed class GetMailInsights(StaffDateRange staffRange, MailInsightsQuery query, IOptions<MailIntakeOptions> options)
{
    [Function(nameof(GetMailInsights))]
    public async Task<Results<JsonResponse<MailInsights>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "insights/mail")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (_, from, to, failure) = await staffRange.ReadAsync(request, options.Value.MaxInsightsDays, cancellationToken);
        if (failure is not null) return failure;
        return new JsonResponse<MailInsights>(await query.RunAsync(from, to, cancellationToken));
    }
}
