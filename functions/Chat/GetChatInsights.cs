using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Steunpunt.Chat.Insights;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;

namespace Steunpunt.Chat;

public sealed class GetChatInsights(StaffDateRange staffRange, ChatInsightsQuery query, IOptions<ChatOptions> options)
{
    [Function(nameof(GetChatInsights))]
    public async Task<Results<JsonResponse<ChatInsights>, ProblemResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "insights/chats")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (_, from, to, failure) = await staffRange.ReadAsync(request, options.Value.MaxInsightsDays, cancellationToken);
        if (failure is not null) return failure;
        return new JsonResponse<ChatInsights>(await query.RunAsync(from, to, cancellationToken));
    }
}
