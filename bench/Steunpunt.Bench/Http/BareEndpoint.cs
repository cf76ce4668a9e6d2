using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Steunpunt.Common.Json;
using Steunpunt.LocalHost;
using Steunpunt.SelfTests;
using Steunpunt.SelfTests.Funnel;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.Bench.Http;

/// <summary>The small answer the bare endpoint writes.</summary>
public sealed record BareResult(Guid ResponseId, int? Score, bool? Positive, IReadOnlyList<string> Advice);

/// <summary>
/// The yardstick for the local host: the same request answered by a minimal ASP.NET Core app that does only the
/// work a submission cannot do without (parse the body, find the questionnaire, score, one storage write,
/// answer). Whatever the local host spends beyond this is overhead. It shares the local host's catalog and event
/// store, so both targets use the same storage client and connections.
/// </summary>
public sealed class BareEndpoint(WebApplication app, Uri baseAddress) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    public static async Task<BareEndpoint> StartAsync(QuestionnaireCatalog catalog, SelfTestEventStore events, TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // stdout is for the report.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var app = builder.Build();
        app.MapPost("/api/selftests/{id}/responses", context => HandleAsync(context, catalog, events, clock));
        await app.StartAsync();
        var address = LocalFunctionsHost.Addresses(app).Single();
        return new BareEndpoint(app, new Uri(address));
    }

    private static async Task HandleAsync(HttpContext context, QuestionnaireCatalog catalog, SelfTestEventStore events, TimeProvider clock)
    {
        var cancellationToken = context.RequestAborted;
        SubmitResponseRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<SubmitResponseRequest>(context.Request.Body, JsonDefaults.StrictInput, cancellationToken);
        }
        catch (JsonException)
        {
            request = null;
        }
        var testId = (string)context.Request.RouteValues["id"]!;
        if (request is null || catalog.Find(testId, request.Version) is not { } questionnaire)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (SelfTestScorer.Score(questionnaire, request.Answers).Result is not { } result)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var adviceIds = new List<string>(result.Advice.Count);
        foreach (var advice in result.Advice) adviceIds.Add(advice.Id);
        var responseId = Guid.NewGuid();
        // The same event the function records, answers JSON included: the storage write is part of the essential work.
        await events.RecordAsync(new FunnelEvent(testId, questionnaire.Version, FunnelVocabulary.Completed, request.Source ?? FunnelVocabulary.DefaultSource,
            clock.GetUtcNow(), responseId, request.SessionId,
            new CompletedDetails(request.Language ?? "nl", JsonSerializer.Serialize(request.Answers, JsonDefaults.Web), result.Score, result.Positive, adviceIds,
                ContactRequested: false, request.About?.Gender, request.About?.AgeBand, request.About?.IsVictim)), cancellationToken);

        await context.Response.WriteAsJsonAsync(new BareResult(responseId, result.Score, result.Positive, adviceIds), JsonDefaults.Web, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
