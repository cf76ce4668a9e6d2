using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Http;
using Steunpunt.LocalHost.Discovery;
using Steunpunt.LocalHost.Emulators.SignalR;
using Steunpunt.LocalHost.Settings;

namespace Steunpunt.LocalHost.Dev;

/// <summary>
/// Endpoints only the local host has: an overview page, the pages mails link to (<see cref="DevPages"/>), dev staff tokens, and the Functions host's own
/// <c>POST /admin/functions/{name}</c> to run a queue or timer function now.
/// </summary>
public static class DevEndpoints
{
    public static void Map(WebApplication app, IReadOnlyList<FunctionInvoker> functions)
    {
        var host = app.Services.GetRequiredService<HostJsonSettings>();

        app.MapGet("/", () => Results.Content(Overview(functions, host), "text/html; charset=utf-8"));

        DevPages.Map(app);
        DevStyles.Map(app);

        app.MapGet("/admin/functions", () => Results.Json(functions.Select(f => Describe(f.Function)), Common.Json.JsonDefaults.Web));

        app.MapPost("/dev/staff-tokens", async (HttpRequest request, DevStaffTokens tokens) =>
        {
            // A chunked body has no Content-Length (HttpClient's JsonContent sends one): ask whether there is a body at all.
            var hasBody = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody
                ?? request.ContentLength > 0;
            var body = !hasBody || request.ContentLength == 0
                ? new BodyResult<DevStaffTokenRequest>(new DevStaffTokenRequest(), null)
                : await JsonBody.ReadAsync<DevStaffTokenRequest>(request, 2048, request.HttpContext.RequestAborted);
            if (body.Problem is not null) return AsResult(body.Problem);
            var (token, error) = tokens.Issue(body.Value!);
            return token is not null ? Results.Json(token, Common.Json.JsonDefaults.Web) : AsResult(Problem.BadRequest(error!));
        });

        // As the Functions host: { "input": "..." } is the queue message (or ignored for a timer). The local host
        // answers 202 once the function has finished, so a test can look at its effects straight away.
        app.MapPost("/admin/functions/{name}", async (string name, HttpContext context) =>
        {
            var invoker = functions.FirstOrDefault(f => string.Equals(f.Function.Name, name, StringComparison.OrdinalIgnoreCase));
            if (invoker is null) return AsResult(Problem.NotFound($"No function '{name}'."));
            string? input = null;
            if (context.Request.ContentLength > 0)
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                if (document.RootElement.TryGetProperty("input", out var value)) input = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }
            var invocation = invoker.Function.Trigger switch
            {
                QueueTriggerDescriptor => new InvocationInput(Message: Azure.Storage.Queues.Models.QueuesModelFactory.QueueMessage(
                    Guid.NewGuid().ToString(), "admin", new BinaryData(Encoding.UTF8.GetBytes(input ?? "")), 1)),
                TimerTriggerDescriptor => new InvocationInput(Timer: new TimerInfo { IsPastDue = false }),
                _ => null,
            };
            if (invocation is null) return AsResult(Problem.BadRequest($"'{name}' is an HTTP function: call its route instead."));
            await using var scope = context.RequestServices.CreateAsyncScope();
            await invoker.InvokeAsync(scope.ServiceProvider, invocation, context.RequestAborted);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
    }

    private static IResult AsResult(ProblemResult problem)
        => Results.Json(problem.Value, Common.Json.JsonDefaults.Web, problem.ContentType, problem.StatusCode);

    public static object Describe(FunctionDescriptor f) => f.Trigger switch
    {
        HttpTriggerDescriptor h => new { name = f.Name, trigger = h.Kind, route = h.Route, methods = h.Methods },
        QueueTriggerDescriptor q => new { name = f.Name, trigger = q.Kind, queue = q.QueueName },
        TimerTriggerDescriptor t => (object)new { name = f.Name, trigger = t.Kind, schedule = t.Schedule, runOnStartup = t.RunOnStartup },
        _ => new { name = f.Name },
    };

    private static string Overview(IReadOnlyList<FunctionInvoker> functions, HostJsonSettings host)
    {
        var rows = new StringBuilder();
        foreach (var f in functions.Select(i => i.Function))
        {
            var what = f.Trigger switch
            {
                HttpTriggerDescriptor h => $"{string.Join(", ", h.Methods).ToUpperInvariant()} <a href=\"{WebUtility.HtmlEncode(LocalFunctionsHost.RoutePattern(host, h))}\">{WebUtility.HtmlEncode(LocalFunctionsHost.RoutePattern(host, h))}</a>",
                QueueTriggerDescriptor q => $"wachtrij <code>{WebUtility.HtmlEncode(q.QueueName)}</code>",
                TimerTriggerDescriptor t => $"schema <code>{WebUtility.HtmlEncode(t.Schedule)}</code>",
                _ => "",
            };
            rows.Append($"<tr><td>{WebUtility.HtmlEncode(f.Name)}</td><td>{f.Trigger.Kind}</td><td>{what}</td></tr>");
        }
        return $$"""
            <!doctype html>
            <html lang="nl"><head><meta charset="utf-8"><title>Steunpunt – lokaal</title>
            {{DevStyles.Link}}</head>
            <body><h1>Steunpunt draait lokaal</h1>
            <p><a href="/api/health">Gezondheid</a> · <a href="/api/openapi.json">OpenAPI</a> · <a href="/admin/functions">Functies (JSON)</a> · <a href="/dev/outbox">Uitgaande post (e-mail en sms)</a> · <a href="/dev/faults">Storingen (JSON)</a></p>
            <p>De links in mails aan afzenders wijzen hier naar <code>{{DevPages.ContinuePath}}</code> (vervolgpagina: gesprek lezen en opnieuw schrijven) en <code>{{DevPages.RatingPath}}</code> (antwoord beoordelen).</p>
            <p>Emulators: Communication Services op <code>/emulators/communication</code>, SignalR Service op <code>/emulators/signalr</code>. Storingen inschakelen:
            <code>curl -X POST {{"localhost:7071"}}/dev/faults -H 'Content-Type: application/json' -d '{"target":"email","status":429,"retryAfterSeconds":2}'</code></p>
            <p>Een medewerkerstoken: <code>curl -X POST {{"localhost:7071"}}/dev/staff-tokens -H 'Content-Type: application/json' -d '{"roles":["staff"]}'</code></p>
            <p>SignalR Service-emulator: <code>{{SignalREmulator.BasePath}}</code> (REST <code>{{SignalREmulator.BasePath}}/api/…</code>, clients <code>{{SignalREmulator.BasePath}}/client/?hub=…</code>; medewerkers verbinden via <code>/api/staff</code>). Storingen: <a href="/dev/faults">/dev/faults</a>.</p>
            <table><tr><th>Functie</th><th>Trigger</th><th>Waar</th></tr>{{rows}}</table>
            </body></html>
            """;
    }
}
