using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Steunpunt.Connectors.SignalR;
using static Steunpunt.IntegrationTests.Connectors.SignalR.SignalRTestKit;

namespace Steunpunt.IntegrationTests.Connectors.SignalR;

/// <summary>The emulator checks tokens as the service does, on the client endpoint and on the REST API.</summary>
[Collection(LocalHostCollection.Name)]
public class SignalREmulatorTests(LocalHostFixture fixture)
{
    private const string Target = "emulatorTest";

    private string ClientUrl(string hub = "staff") => $"{EmulatorBase(fixture)}/client/?hub={hub}";

    [Theory]
    [InlineData("wrong key")]
    [InlineData("other hub")]
    [InlineData("other endpoint")]
    [InlineData("expired")]
    [InlineData("garbage")]
    public async Task A_client_token_that_is_not_right_for_this_connection_gets_401(string flaw)
    {
        var now = fixture.Clock.GetUtcNow();
        var token = flaw switch
        {
            "wrong key" => ClientToken(ClientUrl(), now, "u1", key: "another-access-key-of-44-characters-abcdefgh"),
            "other hub" => ClientToken(ClientUrl("chat"), now, "u1"),
            "other endpoint" => ClientToken("https://steunpunt.service.signalr.net/client/?hub=staff", now, "u1"),
            "expired" => ClientToken(ClientUrl(), now.AddHours(-2), "u1", lifetime: TimeSpan.FromHours(1)),
            _ => "garbage",
        };
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(fixture, ClientUrl(), token, Target));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_hub_name_in_another_case_is_the_same_hub()
    {
        await using var client = await ConnectAsync(fixture, $"{EmulatorBase(fixture)}/client/?hub=Staff", ClientToken(ClientUrl(), fixture.Clock.GetUtcNow(), "u-case"), Target);
        var id = Guid.NewGuid().ToString();
        await Messenger(fixture).SendToUserAsync("STAFF", "u-case", Target, [Message(id)]);
        await client.WaitForAsync(Target, id);
    }

    [Fact]
    public async Task User_ids_with_slashes_spaces_and_accents_travel_escaped_and_arrive()
    {
        const string userId = "team/zuid é 1";
        await using var client = await ConnectAsync(fixture, ClientUrl(), ClientToken(ClientUrl(), fixture.Clock.GetUtcNow(), userId), Target);
        var id = Guid.NewGuid().ToString();
        await Messenger(fixture).SendToUserAsync("staff", userId, Target, [Message(id)]);
        await client.WaitForAsync(Target, id);
        Assert.Empty(Registry(fixture).OfUser("staff", "team"));
    }

    [Fact]
    public async Task A_ttl_membership_ends_when_the_ttl_has_passed_on_the_apps_clock()
    {
        var user = "u-" + Guid.NewGuid();
        await Messenger(fixture).AddUserToGroupAsync("staff", "night-shift", user, TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, await HeadAsync($"/api/hubs/staff/users/{user}/groups/night-shift?api-version=2022-06-01"));
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync($"/api/hubs/staff/users/{user}/groups/night-shift?api-version=2022-06-01"));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("wrong key")]
    [InlineData("other url")]
    [InlineData("expired")]
    [InlineData("no exp")]
    public async Task A_rest_call_with_a_bad_token_gets_401_with_an_error_body(string flaw)
    {
        var path = "/api/hubs/staff/:send?api-version=2022-06-01";
        var url = EmulatorBase(fixture) + path;
        var audience = url[..url.IndexOf('?')];
        var now = fixture.Clock.GetUtcNow();
        var token = flaw switch
        {
            "none" => null,
            "wrong key" => Rest(audience, now, key: "another-access-key-of-44-characters-abcdefgh"),
            "other url" => Rest(EmulatorBase(fixture) + "/api/hubs/chat/:send", now),
            "expired" => Rest(audience, now.AddHours(-1)),
            _ => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
                new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
                {
                    Audience = audience,
                    SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                        new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)), "HS256"),
                }),
        };
        var response = await SendAsync(HttpMethod.Post, path, token, """{"target":"x","arguments":[]}""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unauthorized", body.RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rest_token_for_the_url_is_accepted_with_or_without_the_query(bool withQuery)
    {
        var path = "/api/hubs/staff/:send?api-version=2022-06-01";
        var url = EmulatorBase(fixture) + path;
        var response = await SendAsync(HttpMethod.Post, path, Rest(withQuery ? url : url[..url.IndexOf('?')], fixture.Clock.GetUtcNow()), """{"target":"x","arguments":[1]}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"arguments":[]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"target":"","arguments":[]}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"target":"x","arguments":{}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"target":"x",""", HttpStatusCode.BadRequest)]
    [InlineData("""{"target":"x"}""", HttpStatusCode.Accepted)]
    public async Task Message_bodies_are_checked(string body, HttpStatusCode expected)
        => Assert.Equal(expected, (await SignedAsync(HttpMethod.Post, "/api/hubs/staff/:send?api-version=2022-06-01", body)).StatusCode);

    [Fact]
    public async Task A_body_over_1_MB_is_refused()
    {
        var body = $$"""{"target":"x","arguments":["{{new string('a', 1024 * 1024)}}"]}""";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SignedAsync(HttpMethod.Post, "/api/hubs/staff/:send?api-version=2022-06-01", body)).StatusCode);
    }

    [Fact]
    public async Task Health_v1_paths_and_the_api_version_are_answered_as_the_service_does()
    {
        Assert.Equal(HttpStatusCode.OK, await HeadAsync("/api/health?api-version=2022-06-01"));
        Assert.Equal(HttpStatusCode.OK, await HeadAsync("/api/v1/health"));
        Assert.Equal(HttpStatusCode.Accepted, (await SignedAsync(HttpMethod.Post, "/api/v1/hubs/staff", """{"target":"x","arguments":[]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignedAsync(HttpMethod.Post, "/api/hubs/staff/:send?api-version=2099-01-01", """{"target":"x"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignedAsync(HttpMethod.Post, "/api/hubs/1staff/:send?api-version=2022-06-01", """{"target":"x"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync($"/api/hubs/staff/connections/{Guid.NewGuid()}?api-version=2022-06-01"));
        Assert.Equal(HttpStatusCode.NotFound, await HeadAsync($"/api/hubs/staff/users/nobody-{Guid.NewGuid()}?api-version=2022-06-01"));
    }

    private static string Rest(string audience, DateTimeOffset now, string key = Key)
        => SignalRAccessTokens.Create(new SignalRSigningKey(key), audience, now, TimeSpan.FromMinutes(5));

    private Task<HttpResponseMessage> SignedAsync(HttpMethod method, string path, string? body = null)
    {
        var url = EmulatorBase(fixture) + path;
        var query = url.IndexOf('?');
        return SendAsync(method, path, Rest(query < 0 ? url : url[..query], fixture.Clock.GetUtcNow()), body);
    }

    private async Task<HttpStatusCode> HeadAsync(string path) => (await SignedAsync(HttpMethod.Head, path)).StatusCode;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? body)
    {
        using var request = new HttpRequestMessage(method, EmulatorBase(fixture) + path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return await fixture.Client.SendAsync(request);
    }
}
