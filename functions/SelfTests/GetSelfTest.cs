using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.SelfTests;

public sealed class GetSelfTest(QuestionnaireCatalog catalog)
{
    [Function(nameof(GetSelfTest))]
    public Results<JsonResponse<SelfTestDefinition>, ProblemResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "selftests/{id}")] HttpRequest request, string id)
    {
        if (catalog.FindCurrent(id) is not { } questionnaire) return Problem.NotFound(InputRules.UnknownTest(id));
        return new JsonResponse<SelfTestDefinition>(SelfTestViews.Definition(questionnaire, catalog.VersionsOf(id)));
    }
}
