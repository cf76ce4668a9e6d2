using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Steunpunt.Common.Http;
using Steunpunt.Common.RateLimits;
using Steunpunt.SelfTests.Funnel;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.SelfTests;

/// <summary>The body of <c>POST /api/selftests/{id}/events</c>: the widget reports that a test was viewed or started.</summary>
public sealed record RecordEventRequest(string Event, string? Source = null, string? SessionId = null, int? Version = null);

public sealed class RecordEventHandler(QuestionnaireCatalog catalog, SelfTestEventStore events, SelfTestLimits limits, TimeProvider clock)
{
    public async Task<IActionResult> HandleAsync(string testId, RecordEventRequest request, HttpRequest http, CancellationToken cancellationToken)
    {
        var current = catalog.FindCurrent(testId);
        if (current is null) return Problem.NotFound(InputRules.UnknownTest(testId));

        var errors = new Dictionary<string, string[]>();
        InputRules.CheckIn(errors, "event", request.Event, FunnelVocabulary.WidgetEvents);
        var source = request.Source ?? FunnelVocabulary.DefaultSource;
        InputRules.CheckIn(errors, "source", source, FunnelVocabulary.Sources);
        InputRules.CheckSessionId(errors, request.SessionId);
        var version = request.Version ?? current.Version;
        if (catalog.Find(testId, version) is null) errors["version"] = [$"Versie {version} van '{testId}' bestaat niet."];
        if (errors.Count > 0) return Problem.Validation("De gebeurtenis is ongeldig; er is niets opgeslagen.", errors);
        if (await limits.EventAsync(http, cancellationToken) is { Refused: true } refused) return Problem.TooManyRequests(SelfTestLimits.Detail, refused.RetryAfter);

        await events.RecordAsync(new FunnelEvent(testId, version, request.Event, source, clock.GetUtcNow(), Guid.NewGuid(), request.SessionId), cancellationToken);
        return new JsonResponse(null, StatusCodes.Status202Accepted);
    }
}
