using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Chat.Sessions;
using Steunpunt.LocalHost.Settings;
using Steunpunt.MailIntake.Sender;

namespace Steunpunt.IntegrationTests.LocalHost;

/// <summary>
/// The local host applies Host.CORS and Host.CORSCredentials of local.settings.json as Core Tools does: a page on
/// a listed origin (the sample lists a widget dev server, http://localhost:5173) may call the API and the SignalR
/// emulator with credentials; any other origin gets no CORS headers from the API (the emulator, like the service,
/// keeps its own CORS).
/// </summary>
[Collection(LocalHostCollection.Name)]
public class CorsTests(LocalHostFixture fixture)
{
    private const string Allowed = "http://localhost:5173";
    private const string Foreign = "https://elders.example";

    [Fact]
    public void The_sample_settings_allow_the_demo_origins_with_credentials()
    {
        var configuration = fixture.Services.GetRequiredService<IConfiguration>();
        Assert.Contains(Allowed, configuration[HostCors.OriginsSetting]!.Split(','));
        Assert.Equal("true", configuration[HostCors.CredentialsSetting]);
    }

    [Theory]
    [InlineData("/api/chats", "POST", "content-type")]
    [InlineData("/api/chats/00000000000000000000000000/messages", "POST", "content-type," + VisitorTokens.Header)]
    [InlineData("/api/chats/00000000000000000000000000/negotiate", "POST", VisitorTokens.Header)]
    [InlineData("/api/staff/negotiate", "POST", "authorization")]
    [InlineData("/api/chats/00000000000000000000000000", "DELETE", VisitorTokens.Header)]
    [InlineData("/api/mail/thread/messages", "POST", "content-type," + MailLinks.Header)]
    [InlineData("/emulators/signalr/client/negotiate?hub=chat&negotiateVersion=1", "POST", "authorization,x-requested-with,x-signalr-user-agent")]
    public async Task A_preflight_from_a_listed_origin_passes_with_credentials(string path, string method, string headers)
    {
        using var response = await fixture.Client.SendAsync(Preflight(path, Allowed, method, headers));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        Assert.Contains(method, Single(response, "Access-Control-Allow-Methods")!.Split(',').Select(m => m.Trim()));
        var allowedHeaders = Single(response, "Access-Control-Allow-Headers")!.Split(',').Select(h => h.Trim().ToLowerInvariant());
        Assert.All(headers.Split(','), header => Assert.Contains(header.ToLowerInvariant(), allowedHeaders));
    }

    [Fact]
    public async Task The_same_preflight_from_another_origin_gets_no_CORS_headers()
    {
        using var allowed = await fixture.Client.SendAsync(Preflight("/api/chats", Allowed, "POST", "content-type"));
        Assert.NotEmpty(CorsHeaders(allowed));
        using var response = await fixture.Client.SendAsync(Preflight("/api/chats", Foreign, "POST", "content-type"));
        Assert.Empty(CorsHeaders(response));
    }

    [Fact]
    public async Task A_request_from_a_listed_origin_carries_the_headers_and_one_from_another_origin_none()
    {
        using var allowed = await fixture.Client.SendAsync(WithOrigin(new HttpRequestMessage(HttpMethod.Get, "/api/selftests"), Allowed));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(Allowed, Single(allowed, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(allowed, "Access-Control-Allow-Credentials"));

        using var foreign = await fixture.Client.SendAsync(WithOrigin(new HttpRequestMessage(HttpMethod.Get, "/api/selftests"), Foreign));
        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        Assert.Empty(CorsHeaders(foreign));
    }

    [Fact]
    public async Task A_page_on_a_listed_origin_negotiates_with_the_function_and_then_with_the_SignalR_emulator()
    {
        var token = await fixture.StaffTokenAsync("staff");
        using var negotiate = await fixture.Client.SendAsync(WithOrigin(fixture.StaffRequest(HttpMethod.Post, "/api/staff/negotiate?negotiateVersion=1", token), Allowed));
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        Assert.Equal(Allowed, Single(negotiate, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(negotiate, "Access-Control-Allow-Credentials"));

        using var body = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync());
        var url = new Uri(body.RootElement.GetProperty("url").GetString()!);
        var service = new Uri(url, url.AbsolutePath.TrimEnd('/') + "/negotiate" + url.Query + "&negotiateVersion=1");
        using var connect = await fixture.Client.SendAsync(WithOrigin(fixture.StaffRequest(HttpMethod.Post, service.ToString(), body.RootElement.GetProperty("accessToken").GetString()!), Allowed));
        Assert.Equal(HttpStatusCode.OK, connect.StatusCode);
        Assert.Equal(Allowed, Single(connect, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(connect, "Access-Control-Allow-Credentials"));
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method, string headers)
    {
        var request = WithOrigin(new HttpRequestMessage(HttpMethod.Options, path), origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static HttpRequestMessage WithOrigin(HttpRequestMessage request, string origin)
    {
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static string? Single(HttpResponseMessage response, string header)
        => response.Headers.TryGetValues(header, out var values) ? string.Join(',', values) : null;

    private static List<string> CorsHeaders(HttpResponseMessage response)
        => response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Where(k => k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToList();
}
