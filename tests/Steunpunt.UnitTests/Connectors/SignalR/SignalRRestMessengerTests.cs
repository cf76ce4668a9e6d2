using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Steunpunt.Connectors.SignalR;

namespace Steunpunt.UnitTests.Connectors.SignalR;

/// <summary>The REST client against a stub transport: what goes on the wire, retries, errors, and Entra ID's temporary key.</summary>
public class SignalRRestMessengerTests
{
    private const string Key = "8v0MIU1J2WiCvXZwYIqRsGhSH3i3OuQQorVf1C3SohU";
    private const string Endpoint = "https://steunpunt.service.signalr.net";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2030, 5, 1, 12, 0, 0, TimeSpan.Zero));

    private sealed record Sent(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string? Body);

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<Sent> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests) Requests.Add(new(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), request.Content?.Headers.ContentType?.MediaType, body));
            return answer(request);
        }
    }

    private sealed class FixedCredential : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            return new AccessToken("entra-token", DateTimeOffset.UtcNow.AddHours(1));
        }
        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private SignalRRestMessenger Messenger(StubHandler handler, string? accessKey = Key, TokenCredential? credential = null)
    {
        var options = new SignalRClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var service = new SignalRServiceEndpoint { Endpoint = Endpoint, ClientEndpoint = Endpoint, ServerEndpoint = Endpoint, AccessKey = accessKey, Credential = credential };
        return new SignalRRestMessenger(service, options, clock);
    }

    private static HttpResponseMessage Status(HttpStatusCode status, string? json = null)
        => new(status) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public async Task A_send_posts_target_and_arguments_signed_for_that_url()
    {
        var handler = new StubHandler(_ => Status(HttpStatusCode.Accepted));
        await Messenger(handler).SendToUserAsync("Staff", "user/1", "newContactRequest", [new { TestId = "trauma-screen" }, 3]);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal($"{Endpoint}/api/hubs/staff/users/user%2F1/:send?api-version=2022-06-01", sent.Uri.AbsoluteUri);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal("""{"target":"newContactRequest","arguments":[{"testId":"trauma-screen"},3]}""", sent.Body);

        var token = new JsonWebToken(sent.Authorization!["Bearer ".Length..]);
        Assert.Equal([$"{Endpoint}/api/hubs/staff/users/user%2F1/:send"], token.Audiences);
        Assert.True(token.GetPayloadValue<long>("exp") > clock.GetUtcNow().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Group_membership_uses_put_and_delete_on_the_user_group_path()
    {
        var handler = new StubHandler(request => Status(request.Method == HttpMethod.Put ? HttpStatusCode.OK : HttpStatusCode.NoContent));
        var messenger = Messenger(handler);
        await messenger.AddUserToGroupAsync("staff", "team", "u1", TimeSpan.FromMinutes(2));
        await messenger.RemoveUserFromGroupAsync("staff", "team", "u1");
        await messenger.RemoveUserFromAllGroupsAsync("staff", "u1");

        Assert.Equal(
            [$"PUT {Endpoint}/api/hubs/staff/users/u1/groups/team?api-version=2022-06-01&ttl=120",
             $"DELETE {Endpoint}/api/hubs/staff/users/u1/groups/team?api-version=2022-06-01",
             $"DELETE {Endpoint}/api/hubs/staff/users/u1/groups?api-version=2022-06-01"],
            handler.Requests.Select(r => $"{r.Method} {r.Uri.AbsoluteUri}"));
        Assert.All(handler.Requests, r => Assert.Null(r.Body));
    }

    [Fact]
    public async Task A_500_is_retried_and_every_attempt_is_signed()
    {
        var attempts = 0;
        var handler = new StubHandler(_ => ++attempts == 1 ? Status(HttpStatusCode.InternalServerError) : Status(HttpStatusCode.Accepted));
        await Messenger(handler).SendToAllAsync("staff", "ping", []);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.StartsWith("Bearer ey", r.Authorization));
    }

    [Fact]
    public async Task A_refusal_is_a_typed_error_with_status_and_code_but_not_the_body_text()
    {
        var handler = new StubHandler(_ => Status(HttpStatusCode.BadRequest, """{"code":"InvalidUserId","message":"user anna@example.nl is not valid"}"""));
        var error = await Assert.ThrowsAsync<SignalRRequestFailedException>(() => Messenger(handler).SendToUserAsync("staff", "u1", "x", []));
        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidUserId", error.ErrorCode);
        Assert.DoesNotContain("anna@example.nl", error.Message);
        Assert.DoesNotContain("anna@example.nl", error.ToString());
    }

    [Fact]
    public async Task Negotiate_returns_the_client_url_and_a_token_for_it()
    {
        var info = await Messenger(new StubHandler(_ => throw new InvalidOperationException("no REST call expected"))).NegotiateAsync("Staff", "u1", TimeSpan.FromMinutes(10));
        Assert.Equal($"{Endpoint}/client/?hub=staff", info.Url);
        var token = new JsonWebToken(info.AccessToken);
        Assert.Equal([$"{Endpoint}/client/?hub=staff"], token.Audiences);
        Assert.Equal("u1", token.GetPayloadValue<string>("asrs.s.uid"));
        Assert.Equal(clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds(), token.GetPayloadValue<long>("exp"));
    }

    [Fact]
    public async Task With_entra_id_rest_calls_carry_the_entra_token_and_client_tokens_use_the_services_temporary_key()
    {
        var handler = new StubHandler(request => request.RequestUri!.AbsolutePath == "/api/v1/auth/accessKey"
            ? Status(HttpStatusCode.OK, """{"KeyId":"temp-1","AccessKey":"temporary-access-key-0123456789-abcdefghij"}""")
            : Status(HttpStatusCode.Accepted));
        var credential = new FixedCredential();
        var messenger = Messenger(handler, accessKey: null, credential);

        await messenger.SendToAllAsync("staff", "ping", []);
        var info = await messenger.NegotiateAsync("staff", "u1");
        await messenger.NegotiateAsync("staff", "u2");

        Assert.Equal(["POST /api/hubs/staff/:send", "GET /api/v1/auth/accessKey"], handler.Requests.Select(r => $"{r.Method} {r.Uri.AbsolutePath}"));
        Assert.All(handler.Requests, r => Assert.Equal("Bearer entra-token", r.Authorization));
        Assert.All(credential.Scopes, scopes => Assert.Equal(["https://signalr.azure.com/.default"], scopes));

        var token = new JsonWebToken(info.AccessToken);
        Assert.Equal("temp-1", token.Kid);
        var valid = await new JsonWebTokenHandler().ValidateTokenAsync(info.AccessToken, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            IssuerSigningKey = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.UTF8.GetBytes("temporary-access-key-0123456789-abcdefghij")),
            ValidateAudience = false,
            ValidateIssuer = false,
            ValidateLifetime = false,
        });
        Assert.True(valid.IsValid);

        // After 55 minutes the key is fetched again.
        clock.Advance(TimeSpan.FromMinutes(56));
        await messenger.NegotiateAsync("staff", "u1");
        Assert.Equal(2, handler.Requests.Count(r => r.Uri.AbsolutePath == "/api/v1/auth/accessKey"));
    }

    [Fact]
    public async Task With_entra_id_a_failed_refresh_keeps_the_old_key_for_a_while()
    {
        var keyCalls = 0;
        var handler = new StubHandler(_ => ++keyCalls == 1
            ? Status(HttpStatusCode.OK, """{"KeyId":"temp-1","AccessKey":"temporary-access-key-0123456789-abcdefghij"}""")
            : Status(HttpStatusCode.Forbidden, """{"code":"Forbidden"}"""));
        var messenger = Messenger(handler, accessKey: null, new FixedCredential());
        await messenger.NegotiateAsync("staff", "u1");

        clock.Advance(TimeSpan.FromMinutes(60));
        Assert.Equal("temp-1", new JsonWebToken((await messenger.NegotiateAsync("staff", "u1")).AccessToken).Kid);

        clock.Advance(TimeSpan.FromMinutes(61));
        var error = await Assert.ThrowsAsync<SignalRRequestFailedException>(() => messenger.NegotiateAsync("staff", "u1"));
        Assert.Equal(403, error.Status);
    }

    [Fact]
    public void The_payload_keeps_argument_json_as_our_api_writes_it()
    {
        using var payload = JsonDocument.Parse(SignalRRestMessenger.Payload("t", ["tekst met é", null, new { WhenUtc = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc) }]));
        Assert.Equal("t", payload.RootElement.GetProperty("target").GetString());
        Assert.Equal("""["tekst met é",null,{"whenUtc":"2030-01-01T00:00:00Z"}]""", payload.RootElement.GetProperty("arguments").GetRawText());
    }
}
