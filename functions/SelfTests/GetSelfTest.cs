using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.SelfTests;

public sealed class GetSelfTest(QuestionnaireCatalog catalog)
{
    [Function(nameof(GetSelfTest))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "selftests/{id}")] HttpRequest request, string id)
    {
        var questionnaire = catalog.FindCurrent(id);
        return questionnaire is null
            ? Problem.NotFound(InputRules.UnknownTest(id))
            : new JsonResponse(SelfTestViews.Definition(questionnaire, catalog.VersionsOf(id)));
    }
}
