using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;
using Steunpunt.SelfTests.Insights;
using Steunpunt.StaffAuth;

namespace Steunpunt.SelfTests;

public sealed class GetSelfTestInsights(StaffDateRange staffRange, SelfTestInsightsQuery query, IOptions<SelfTestOptions> options)
{
    [Function(nameof(GetSelfTestInsights))]
    public async Task<Results<JsonResponse<SelfTestInsightsReport>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "insights/selftests")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (_, from, to, failure) = await staffRange.ReadAsync(request, options.Value.MaxInsightsDays, cancellationToken);
        if (failure is not null) return failure;
        return new JsonResponse<SelfTestInsightsReport>(await query.RunAsync(from, to, cancellationToken));
    }
}
