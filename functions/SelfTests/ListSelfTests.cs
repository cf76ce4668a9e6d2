using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.SelfTests;

public sealed class ListSelfTests(QuestionnaireCatalog catalog)
{
    [Function(nameof(ListSelfTests))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "selftests")] HttpRequest request)
        => new JsonResponse(catalog.Current.Select(SelfTestViews.Summary).ToList());
}
