using System.Text.Json;
using Steunpunt.Bench.Scoring;
using Steunpunt.Common.Json;
using Steunpunt.SelfTests;
using Steunpunt.SelfTests.Funnel;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.Bench.Http;

/// <summary>One request to <c>POST /api/selftests/{id}/responses</c>, serialised once up front.</summary>
public sealed record RequestBody(string TestId, byte[] Json)
{
    public string Path => $"/api/selftests/{Uri.EscapeDataString(TestId)}/responses";
}

/// <summary>
/// Valid, varied bodies: every test, positive and negative screens, both languages, the optional fields
/// sometimes set. Never a contact request: that would queue a message, which is a different workload.
/// </summary>
public static class RequestBodies
{
    /// <summary>Recorded events carry this session id prefix, so benchmark traffic is recognisable in a shared Azurite.</summary>
    public const string SessionPrefix = "bench-";

    public static IReadOnlyList<RequestBody> Build(QuestionnaireCatalog catalog, int perQuestionnaire = 32)
    {
        var sets = AnswerSets.Build(catalog.Current, perQuestionnaire);
        return sets.Select((set, i) =>
        {
            var about = (i % 3) switch
            {
                0 => null,
                1 => new AboutRespondent(Gender: FunnelVocabulary.Genders[i % FunnelVocabulary.Genders.Count], AgeBand: FunnelVocabulary.AgeBands[i % FunnelVocabulary.AgeBands.Count]),
                _ => new AboutRespondent(IsVictim: i % 2 == 0),
            };
            var request = new SubmitResponseRequest(
                set.Questionnaire.Version,
                set.Answers,
                Language: FunnelVocabulary.Languages[i % FunnelVocabulary.Languages.Count],
                Source: FunnelVocabulary.Sources[i % FunnelVocabulary.Sources.Count],
                SessionId: $"{SessionPrefix}{i:D4}",
                About: about);
            return new RequestBody(set.Questionnaire.Id, JsonSerializer.SerializeToUtf8Bytes(request, JsonDefaults.Web));
        }).ToList();
    }
}
