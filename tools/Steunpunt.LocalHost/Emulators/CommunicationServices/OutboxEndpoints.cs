using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Steunpunt.Common.Http;
using Steunpunt.Common.Json;

namespace Steunpunt.LocalHost.Emulators.CommunicationServices;

/// <summary>
/// The dev outbox: <c>GET /dev/outbox</c> (a page), <c>GET /dev/outbox/messages?channel=&amp;to=&amp;after=</c> (JSON for tests),
/// <c>DELETE /dev/outbox</c>; and <c>POST /dev/sms/inbound</c> to play a reply to our SMS number.
/// </summary>
public static class OutboxEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/dev/outbox/messages", (string? channel, string? to, long? after, DevOutbox outbox)
            => Results.Json(outbox.Query(channel, to, after ?? 0), JsonDefaults.Web));

        app.MapDelete("/dev/outbox", (DevOutbox outbox) =>
        {
            outbox.Clear();
            return Results.NoContent();
        });

        app.MapGet("/dev/outbox", (HttpContext context, DevOutbox outbox, EventGridPublisher events) =>
        {
            context.Response.Headers.ContentSecurityPolicy = PagePolicy;
            return Results.Content(Page(outbox.Query().Reverse().ToList(), events.Recent().AsEnumerable().Reverse().Take(50).ToList()), "text/html; charset=utf-8");
        });

        app.MapPost("/dev/sms/inbound", async (HttpRequest request, CommunicationServicesEmulator emulator) =>
        {
            var body = await JsonBody.ReadAsync<InboundSms>(request, 4096, request.HttpContext.RequestAborted);
            if (body.Problem is not null) return EmulatorResults.From(body.Problem);
            emulator.ReceiveSms(body.Value!.From, body.Value.To, body.Value.Message);
            return Results.Accepted();
        });
    }

    /// <summary>
    /// The page policy, plus inline style attributes: a mail preview (a sandboxed srcdoc frame, no script) inherits this
    /// policy, and our mails style with attributes as mail clients need.
    /// </summary>
    public const string PagePolicy = SecurityHeaders.PagePolicy + "; style-src-attr 'unsafe-inline'";

    public sealed record InboundSms(string From, string To, string Message);

    private static string Page(IReadOnlyList<OutboxItem> items, IReadOnlyList<PublishedEvent> events)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var rows = new StringBuilder();
        foreach (var item in items)
        {
            rows.Append("<article><header>")
                .Append($"<b>{(item.Channel == DevOutbox.Email ? "E-mail" : "Sms")}</b> #{item.Sequence} · {E(item.AcceptedAt.ToString("u"))} · ")
                .Append($"van {E(item.From)} aan {E(string.Join(", ", item.To))} · <span class=\"{(item.DeliveryStatus == "Delivered" ? "ok" : "bad")}\">{E(item.DeliveryStatus)}</span>")
                .Append("</header>");
            if (item.Channel == DevOutbox.Email)
            {
                rows.Append($"<h3>{E(item.Subject)}</h3>");
                if (item.ReplyTo.Count > 0) rows.Append($"<p>Antwoord aan: {E(string.Join(", ", item.ReplyTo))}</p>");
                if (item.Html is not null)
                {
                    // sandbox="" : the mail's HTML is shown as it would look, but no script in it can run.
                    rows.Append($"<iframe sandbox=\"\" title=\"E-mail: {E(item.Subject)}\" srcdoc=\"{E(item.Html)}\"></iframe>");
                }
                rows.Append($"<details {(item.Html is null ? "open" : "")}><summary>Platte tekst</summary><pre>{E(item.PlainText)}</pre></details>");
            }
            else
            {
                rows.Append($"<pre>{E(item.Text)}</pre>");
                if (item.Tag is not null) rows.Append($"<p>tag: <code>{E(item.Tag)}</code></p>");
            }
            rows.Append("</article>");
        }
        var eventRows = new StringBuilder();
        foreach (var e in events)
        {
            eventRows.Append($"<tr><td>{E(e.Time.ToString("u"))}</td><td>{E(e.Type)}</td><td>{E(e.Delivery)}</td></tr>");
        }
        return $$"""
            <!doctype html>
            <html lang="nl"><head><meta charset="utf-8"><title>Steunpunt – uitgaande post (lokaal)</title>
            {{Dev.DevStyles.Link}}</head>
            <body><h1>Uitgaande post (lokaal)</h1>
            <p>Alle e-mail en sms die de lokale Communication Services-emulator heeft aangenomen, nieuwste eerst. Niets hiervan verlaat deze machine;
            na een herstart is de lijst leeg. <a href="/dev/outbox/messages">JSON</a> · <a href="/">overzicht</a></p>
            {{(items.Count == 0 ? "<p><i>Nog niets verstuurd.</i></p>" : rows.ToString())}}
            <h2>Event Grid-gebeurtenissen</h2>
            <table><tr><th>Tijd</th><th>Soort</th><th>Aflevering</th></tr>{{eventRows}}</table>
            </body></html>
            """;
    }
}
