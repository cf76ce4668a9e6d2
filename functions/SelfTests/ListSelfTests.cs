using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.SelfTests;

public sealed class ListSelfTests(QuestionnaireCatalog catalog)
{
    [Function(nameof(ListSelfTests))]
    public JsonResponse<List<SelfTestSummary>> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "selftests")] HttpRequest request)
        => new(catalog.Current.Select(SelfTestViews.Summary).ToList());
}
