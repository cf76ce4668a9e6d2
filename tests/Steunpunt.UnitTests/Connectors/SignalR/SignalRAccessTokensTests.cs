using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Steunpunt.Connectors.SignalR;

namespace Steunpunt.UnitTests.Connectors.SignalR;

public class SignalRAccessTokensTests
{
    private const string Key = "8v0MIU1J2WiCvXZwYIqRsGhSH3i3OuQQorVf1C3SohU";
    private static readonly DateTimeOffset Now = new(2030, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static JsonWebToken Read(string token) => new(token);

    [Fact]
    public void A_client_token_has_audience_lifetime_and_the_user_id_in_both_claims()
    {
        var token = Read(SignalRAccessTokens.Create(new SignalRSigningKey(Key), "https://x.service.signalr.net/client/?hub=staff", Now, TimeSpan.FromMinutes(30), "user-1"));
        Assert.Equal("HS256", token.Alg);
        Assert.Equal(["https://x.service.signalr.net/client/?hub=staff"], token.Audiences);
        Assert.Equal(Now.AddMinutes(30).ToUnixTimeSeconds(), token.GetPayloadValue<long>("exp"));
        Assert.Equal(Now.ToUnixTimeSeconds(), token.GetPayloadValue<long>("iat"));
        Assert.Equal(Now.ToUnixTimeSeconds(), token.GetPayloadValue<long>("nbf"));
        Assert.Equal("user-1", token.GetPayloadValue<string>("asrs.s.uid"));
        Assert.Equal("user-1", token.GetPayloadValue<string>("nameid"));
        Assert.False(token.TryGetHeaderValue<string>("kid", out _));
    }

    [Fact]
    public void A_rest_token_names_no_user()
    {
        var token = Read(SignalRAccessTokens.Create(new SignalRSigningKey(Key), "https://x.service.signalr.net/api/hubs/staff/:send", Now, TimeSpan.FromMinutes(5)));
        Assert.False(token.TryGetPayloadValue<string>("asrs.s.uid", out _));
        Assert.False(token.TryGetPayloadValue<string>("nameid", out _));
    }

    [Fact]
    public void A_temporary_entra_key_is_named_in_the_kid_header()
    {
        var token = Read(SignalRAccessTokens.Create(new SignalRSigningKey("temporary-key-from-the-service-0123456789", "key-42"), "aud", Now, TimeSpan.FromMinutes(1)));
        Assert.Equal("key-42", token.Kid);
    }

    [Fact]
    public async Task The_signature_is_HS256_over_the_utf8_bytes_of_the_key_as_written()
    {
        var token = SignalRAccessTokens.Create(new SignalRSigningKey(Key), "aud", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        async Task<bool> ValidWith(byte[] keyBytes) => (await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(keyBytes),
            ValidateAudience = false,
            ValidateIssuer = false,
        })).IsValid;

        Assert.True(await ValidWith(Encoding.UTF8.GetBytes(Key)));
        // Not the base64-decoded key (that is how Communication Services keys work, not SignalR's).
        Assert.False(await ValidWith(Convert.FromBase64String(Key + "=")));
    }

    [Fact]
    public void The_client_audience_is_the_endpoint_client_path_with_the_hub_lower_cased()
        => Assert.Equal("http://localhost:7071/emulators/signalr/client/?hub=staff", SignalRAccessTokens.ClientAudience("http://localhost:7071/emulators/signalr", "Staff"));

    [Fact]
    public void The_rest_audience_is_the_request_url_without_its_query()
        => Assert.Equal("https://x.service.signalr.net/api/hubs/staff/users/a%2Fb/:send",
            SignalRAccessTokens.RestAudience(new Uri("https://x.service.signalr.net/api/hubs/staff/users/a%2Fb/:send?api-version=2022-06-01")));
}
