using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Http;
using Steunpunt.IntegrationTests.Chat;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Dev;
using static Steunpunt.IntegrationTests.Chat.ChatTestKit;

namespace Steunpunt.IntegrationTests.Common;

/// <summary>
/// Every route the local host serves (the functions on their routes, the dev pages, the admin endpoints and the
/// emulators), found from its endpoint table rather than listed by hand, answers with nosniff, without a Server
/// header and with no-store (outside the allow-list); every HTML page with a strict policy whose inline code is
/// hashed; personal answers (token, transcript, case, contact detail, appointment) are never stored.
/// </summary>
[Collection(LocalHostCollection.Name)]
public partial class SecurityHeadersTests(LocalHostFixture fixture)
{
    /// <summary>These clear state other tests look at (the outbox, the faults); their answer is 204 with nothing in it.</summary>
    private static readonly string[] Skipped = ["DELETE /dev/outbox", "DELETE /dev/faults"];

    /// <summary>Files served outside the endpoint table: the widgets' demo page and its stylesheet, a bundle (404 until built).</summary>
    private static readonly string[] StaticPages = [WidgetFiles.DemoPath + "/", WidgetFiles.DemoPath + "/demo.css", WidgetFiles.WidgetsPath + "/steunpunt-chat.js"];

    private sealed record Answer(string Request, HttpResponseMessage Response, string Body);

    private List<(string Method, string Path)> Routes()
    {
        var routes = new List<(string, string)>();
        foreach (var endpoint in fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Parameter().Replace(endpoint.RoutePattern.RawText ?? "", _ => Guid.NewGuid().ToString());
            if (!path.StartsWith('/')) path = "/" + path;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods.Count == 0 ? ["GET"] : methods)
            {
                if (method == "OPTIONS" || Skipped.Contains($"{method} {path}")) continue;
                routes.Add((method, path));
            }
        }
        return routes;
    }

    private async Task<List<Answer>> CallEveryRouteAsync()
    {
        var staff = await fixture.StaffTokenAsync("supervisor");
        var answers = new List<Answer>();
        foreach (var (method, path) in Routes().Select(r => (r.Method, r.Path)).Concat(StaticPages.Select(p => ("GET", p))))
        {
            // A staff token on every call, so staff lists answer 200 with their cases, contact details and appointments;
            // an address of its own, so no per-address limit another test counts on is used up.
            using var request = fixture.StaffRequest(new HttpMethod(method), path, staff);
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{Random.Shared.Next(1, 255)}");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var response = await fixture.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = response.Content.Headers.ContentType?.MediaType == "text/html" ? await response.Content.ReadAsStringAsync(timeout.Token) : "";
            answers.Add(new Answer($"{method} {path} -> {(int)response.StatusCode}", response, body));
        }
        return answers;
    }

    [Fact]
    public void The_local_host_has_the_route_kinds_to_check()
    {
        var paths = Routes().Select(r => r.Path).ToList();
        Assert.Contains("/api/health", paths);
        Assert.Contains(paths, p => p.StartsWith("/api/staff/", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("/dev/", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("/admin/", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.StartsWith("/emulators/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_answer_has_nosniff_no_server_header_and_no_store_outside_the_allow_list()
    {
        var wrong = new List<string>();
        foreach (var (request, response, _) in await CallEveryRouteAsync())
        {
            using var owned = response;
            var headers = response.Headers;
            if (!headers.TryGetValues("X-Content-Type-Options", out var sniff) || sniff.Single() != "nosniff") wrong.Add($"{request}: no nosniff");
            if (headers.Contains("Server")) wrong.Add($"{request}: Server: {string.Join(",", headers.GetValues("Server"))}");
            var path = response.RequestMessage!.RequestUri!.AbsolutePath;
            var cacheable = response.IsSuccessStatusCode && (SecurityHeaders.Cacheable.ContainsKey(path) || LocalFunctionsHost.ServesFiles(path));
            if (!cacheable && headers.CacheControl?.NoStore != true) wrong.Add($"{request}: Cache-Control: {headers.CacheControl}");
            if (!headers.TryGetValues("Content-Security-Policy", out var policy) || !policy.Single().Contains("frame-ancestors 'none'"))
            {
                wrong.Add($"{request}: no policy with frame-ancestors 'none'");
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Every_html_page_has_a_strict_policy_that_hashes_its_inline_code_and_no_referrer()
    {
        var pages = (await CallEveryRouteAsync()).Where(a => a.Response.Content.Headers.ContentType?.MediaType == "text/html").ToList();
        var wrong = new List<string>();
        foreach (var (request, response, body) in pages)
        {
            using var owned = response;
            var policy = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.Single() : "";
            var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray());
            foreach (var (name, expected) in new[] { ("default-src", "'none'"), ("frame-ancestors", "'none'"), ("base-uri", "'none'") })
            {
                if (!directives.TryGetValue(name, out var sources) || !sources.SequenceEqual([expected])) wrong.Add($"{request}: {name} is not {expected}");
            }
            // Inline style attributes only where a page says so (the outbox's mail previews); never inline script, eval or wildcards.
            if (directives.Any(d => d.Key != "style-src-attr" && d.Value.Contains("'unsafe-inline'")) || policy.Contains("'unsafe-eval'") || policy.Contains('*'))
            {
                wrong.Add($"{request}: policy allows inline or foreign code: {policy}");
            }
            foreach (Match inline in InlineCode().Matches(body))
            {
                var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline.Groups["code"].Value))) + "'";
                var directive = inline.Groups["tag"].Value == "script" ? "script-src" : "style-src";
                if (!directives.TryGetValue(directive, out var sources) || !sources.Contains(hash)) wrong.Add($"{request}: an inline <{inline.Groups["tag"].Value}> not in {directive}");
            }
            if (EventHandler().IsMatch(body)) wrong.Add($"{request}: an inline event handler");
            if (!response.Headers.TryGetValues("Referrer-Policy", out var referrer) || referrer.Single() != "no-referrer") wrong.Add($"{request}: no Referrer-Policy: no-referrer");
        }
        Assert.Empty(wrong);
        // The overview, the outbox, the two pages mails link to and the widgets' demo, at least.
        foreach (var path in new[] { "/", "/dev/outbox", DevPages.ContinuePath, DevPages.RatingPath, WidgetFiles.DemoPath + "/" })
        {
            Assert.Contains(pages, p => p.Request.StartsWith($"GET {path} -> 200", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Personal_answers_are_never_stored()
    {
        MoveToOpeningHours(fixture.Clock);
        var staff = await fixture.StaffTokenAsync("staff");
        var answers = new List<(string What, HttpResponseMessage Response)>();

        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/chats") { Content = JsonContent.Create(new { topic = "violence" }) };
        start.Headers.Add("X-Forwarded-For", $"198.51.100.{Random.Shared.Next(1, 255)}");
        var started = await fixture.Client.SendAsync(start);
        Assert.True(started.IsSuccessStatusCode, $"chat: {(int)started.StatusCode}");
        answers.Add(("the visitor token", started));
        var chat = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        var visitor = new Visitor(chat.GetProperty("id").GetString()!, chat.GetProperty("visitorToken").GetString()!);
        (await SayAsync(fixture, visitor, "Hallo, ik wil iets vragen.")).EnsureSuccessStatusCode();
        answers.Add(("the transcript", await fixture.Client.SendAsync(VisitorRequest(HttpMethod.Get, $"/api/chats/{visitor.ChatId}", visitor))));

        var startsAt = TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow().AddDays(3), Amsterdam).Date.AddHours(10);
        using var create = fixture.StaffRequest(HttpMethod.Post, "/api/staff/appointments", staff);
        create.Content = JsonContent.Create(new
        {
            startsAt = startsAt.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), kind = "office", consentToSms = true,
            phoneNumber = "+3161" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
        });
        var created = await fixture.Client.SendAsync(create);
        Assert.True(created.IsSuccessStatusCode, $"appointment: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        answers.Add(("the new appointment", created));
        var appointment = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        answers.Add(("the appointment with its phone number", await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, $"/api/staff/appointments/{appointment}", staff))));
        answers.Add(("the cases", await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, "/api/staff/mail", staff))));
        answers.Add(("the contact requests", await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, "/api/staff/selftest-contact-requests", staff))));

        foreach (var (what, response) in answers)
        {
            Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control: {response.Headers.CacheControl}");
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            response.Dispose();
        }
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"<(?<tag>script|style)(?![^>]*\bsrc=)[^>]*>(?<code>.*?)</\k<tag>>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
