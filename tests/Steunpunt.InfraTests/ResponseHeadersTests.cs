using System.Text.Json.Nodes;
using Steunpunt.Common.Http;
using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

/// <summary>
/// What Azure adds to answers on its own: the Functions host (host.json) and the Static Web App (its config). The
/// worker's own headers are tested with the worker middleware and against the local host.
/// </summary>
public class ResponseHeadersTests
{
    private static JsonNode Json(params string[] path) => JsonNode.Parse(File.ReadAllText(Path.Combine([InfraBuild.RepositoryRoot, .. path])))!;

    private static Dictionary<string, string[]> Directives(string policy)
        => policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray());

    [Fact]
    public void The_Functions_host_sends_nosniff_and_an_empty_server_header_on_its_own_answers()
    {
        // The host's Kestrel names itself unless a Server header is already there; customHeaders are added (if absent)
        // as the response starts, so an empty one stands in its place. Its own 404s and 401s get nosniff this way.
        var headers = Json("host.json")["extensions"]!["http"]!["customHeaders"]!.AsObject();
        Assert.Equal("nosniff", (string?)headers["X-Content-Type-Options"]);
        Assert.Equal("", (string?)headers["Server"]);
    }

    [Fact]
    public void The_Functions_host_adds_no_application_insights_request_context_header()
        => Assert.False((bool?)Json("host.json")["logging"]!["applicationInsights"]!["httpAutoCollectionOptions"]!["enableResponseHeaderInjection"]);

    [Fact]
    public void The_static_web_app_sends_the_page_policy_no_referrer_and_nosniff_on_everything()
    {
        var headers = Json("web", "staticwebapp.config.json")["globalHeaders"]!.AsObject();
        Assert.Equal("no-referrer", (string?)headers["Referrer-Policy"]);
        Assert.Equal("nosniff", (string?)headers["X-Content-Type-Options"]);

        var site = Directives((string)headers["Content-Security-Policy"]!);
        var page = Directives(SecurityHeaders.PagePolicy);
        Assert.Equal(page.Keys.Order(), site.Keys.Order());
        foreach (var (name, sources) in page.Where(d => d.Key != "connect-src")) Assert.Equal(sources, site[name]);
        // Besides its own origin, a page may call only the Function App and SignalR Service (their names differ per
        // environment and the file is not built per environment).
        Assert.Equal("'self'", site["connect-src"][0]);
        Assert.All(site["connect-src"].Skip(1), source =>
            Assert.Contains(source, new[] { "https://*.azurewebsites.net", "https://*.service.signalr.net", "wss://*.service.signalr.net" }));
    }
}
