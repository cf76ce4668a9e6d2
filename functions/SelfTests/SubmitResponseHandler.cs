using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Steunpunt.Common.Http;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.SelfTests.Contact;
using Steunpunt.SelfTests.Funnel;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.SelfTests;

/// <summary>The body of <c>POST /api/selftests/{id}/responses</c>.</summary>
public sealed record SubmitResponseRequest(
    int Version,
    Dictionary<string, string> Answers,
    string? Language = null,
    string? Source = null,
    string? SessionId = null,
    AboutRespondent? About = null,
    ContactRequestInput? ContactRequest = null);

/// <summary>Optional, anonymous facts for the funnel's breakdowns.</summary>
public sealed record AboutRespondent(string? Gender = null, string? AgeBand = null, bool? IsVictim = null);

public sealed record ContactRequestInput(string Channel, string Contact);

public sealed record AdviceView(string Id, string Title, string Text, LinkView? Link);
public sealed record LinkView(string Url, string Label);

public sealed record SubmitResponseResult(
    Guid ResponseId,
    string TestId,
    int Version,
    string Language,
    int? Score,
    int? Cutoff,
    string? Screen,
    IReadOnlyList<AdviceView> Advice,
    string? Notice,
    ContactRequestReceipt? ContactRequest);

public sealed record ContactRequestReceipt(string Status, string Channel, string Message);

/// <summary>Validates, scores, queues an optional contact request and records the completion.</summary>
public sealed class SubmitResponseHandler(QuestionnaireCatalog catalog, SelfTestEventStore events, WorkQueue queue, SelfTestLimits limits, TimeProvider clock)
{
    public static readonly TimeSpan ContactMessageTimeToLive = TimeSpan.FromDays(7);

    public async Task<IActionResult> HandleAsync(string testId, SubmitResponseRequest request, HttpRequest http, CancellationToken cancellationToken)
    {
        if (catalog.FindCurrent(testId) is null) return Problem.NotFound(InputRules.UnknownTest(testId));

        var errors = new Dictionary<string, string[]>();
        var questionnaire = catalog.Find(testId, request.Version);
        if (questionnaire is null)
        {
            errors["version"] = [$"Versie {request.Version} van '{testId}' bestaat niet; beschikbaar: {string.Join(", ", catalog.VersionsOf(testId))}."];
        }
        var language = request.Language ?? "nl";
        InputRules.CheckIn(errors, "language", language, FunnelVocabulary.Languages);
        var source = request.Source ?? FunnelVocabulary.DefaultSource;
        InputRules.CheckIn(errors, "source", source, FunnelVocabulary.Sources);
        InputRules.CheckSessionId(errors, request.SessionId);
        if (request.About is { } about)
        {
            if (about.Gender is not null) InputRules.CheckIn(errors, "about.gender", about.Gender, FunnelVocabulary.Genders);
            if (about.AgeBand is not null) InputRules.CheckIn(errors, "about.ageBand", about.AgeBand, FunnelVocabulary.AgeBands);
        }
        string? contact = null;
        if (request.ContactRequest is { } contactRequest)
        {
            (contact, var contactError) = ContactDetails.Normalise(contactRequest.Channel, contactRequest.Contact);
            if (contactError is not null) errors[ContactDetails.Channels.Contains(contactRequest.Channel) ? "contactRequest.contact" : "contactRequest.channel"] = [contactError];
        }

        ScoringResult? result = null;
        if (questionnaire is not null)
        {
            var outcome = SelfTestScorer.Score(questionnaire, request.Answers);
            if (outcome.Errors is not null)
            {
                foreach (var (field, messages) in outcome.Errors) errors[field] = messages;
            }
            result = outcome.Result;
        }
        if (errors.Count > 0 || questionnaire is null || result is null)
        {
            return Problem.Validation($"Er {(errors.Count == 1 ? "is 1 fout" : $"zijn {errors.Count} fouten")} in de antwoorden; er is niets opgeslagen.", errors);
        }

        if (await limits.ResponseAsync(http, request.ContactRequest is null ? null : (request.ContactRequest.Channel, contact!), cancellationToken) is { } refused) return refused;

        var now = clock.GetUtcNow();
        var responseId = Guid.NewGuid();
        var adviceIds = result.Advice.Select(a => a.Id).ToList();
        ContactRequestReceipt? receipt = null;
        if (request.ContactRequest is { } accepted)
        {
            // Queued before we answer: once the visitor sees "received", the request cannot be lost.
            await queue.SendAsync(StorageNames.Queues.SelfTestContactRequests,
                new SelfTestContactRequest(SelfTestContactRequest.CurrentSchemaVersion, responseId, testId, questionnaire.Version,
                    accepted.Channel, contact!, language, now, result.Positive, adviceIds),
                ContactMessageTimeToLive, cancellationToken);
            receipt = new ContactRequestReceipt("received", accepted.Channel, language == "en"
                ? "Thank you. A member of our staff will contact you within two working days."
                : "Dank u wel. Een medewerker neemt binnen twee werkdagen contact met u op.");
        }

        await events.RecordAsync(new FunnelEvent(testId, questionnaire.Version, FunnelVocabulary.Completed, source, now, responseId, request.SessionId,
            new CompletedDetails(language, JsonSerializer.Serialize(request.Answers, JsonDefaults.Web), result.Score, result.Positive, adviceIds,
                receipt is not null, request.About?.Gender, request.About?.AgeBand, request.About?.IsVictim)), cancellationToken);

        return new JsonResponse(new SubmitResponseResult(
            responseId, testId, questionnaire.Version, language, result.Score, result.Cutoff,
            result.Positive switch { true => "positive", false => "negative", null => null },
            result.Advice.Select(a => new AdviceView(a.Id, a.Source.Title.For(language), a.Source.Text.For(language),
                a.Source.Link is { } link ? new LinkView(link.Url, link.Label.For(language)) : null)).ToList(),
            questionnaire.File.Notice?.For(language),
            receipt));
    }
}
