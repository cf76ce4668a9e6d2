using System.Collections.Concurrent;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Steunpunt.Connectors.SignalR;

/// <summary>
/// A key that signs SignalR Service tokens: the connection string's AccessKey, or a temporary key the service
/// hands out for an Entra ID identity (then with its <see cref="KeyId"/>, which the service finds it by).
/// </summary>
public sealed record SignalRSigningKey(string AccessKey, string? KeyId = null)
{
    /// <summary>Never print the key.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"KeyId = {KeyId}");
        return true;
    }
}

/// <summary>
/// The service's JWTs: HS256 over the UTF-8 bytes of the access key as written (not base64-decoded), with
/// <c>aud</c> (the URL the token is for), <c>exp</c>, <c>iat</c> and <c>nbf</c>; a client token carries the user
/// id both as <c>asrs.s.uid</c> (what the service SDK writes) and as <c>nameid</c> (what the docs describe).
/// </summary>
public static class SignalRAccessTokens
{
    public const string UserIdClaim = "asrs.s.uid";
    public const string NameIdClaim = "nameid";

    /// <summary>The SDK refuses longer tokens; the service would too.</summary>
    public const int MaxTokenLength = 4096;

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// One set of signing credentials per key: a new key object per token would make the token library derive the
    /// key's id (a SHA-256 thumbprint) and a new HMAC for every token. A few keys at most (the access key, or Entra's
    /// temporary key that changes hourly), so the cache is emptied when it grows past a handful.
    /// </summary>
    private static readonly ConcurrentDictionary<SignalRSigningKey, SigningCredentials> Credentials = new();
    private const int MaxCachedKeys = 8;

    public static string Create(SignalRSigningKey key, string audience, DateTimeOffset now, TimeSpan lifetime, string? userId = null)
    {
        var claims = new Dictionary<string, object>();
        if (userId is not null)
        {
            claims[UserIdClaim] = userId;
            claims[NameIdClaim] = userId;
        }
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = CredentialsFor(key),
        });
        return token.Length <= MaxTokenLength
            ? token
            : throw new InvalidOperationException($"The SignalR access token is longer than {MaxTokenLength} characters; use a shorter user id.");
    }

    private static SigningCredentials CredentialsFor(SignalRSigningKey key)
    {
        if (Credentials.TryGetValue(key, out var cached)) return cached;
        if (Credentials.Count >= MaxCachedKeys) Credentials.Clear();
        return Credentials.GetOrAdd(key, static k =>
            new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(k.AccessKey)) { KeyId = k.KeyId }, SecurityAlgorithms.HmacSha256));
    }

    /// <summary>The audience of a client token: <c>{endpoint}/client/?hub={hub}</c>, the hub lower-cased as the SDK does.</summary>
    public static string ClientAudience(string endpoint, string hub) => $"{endpoint}/client/?hub={SignalRRestApi.HubPathName(hub)}";

    /// <summary>The audience of a REST token: the request URL without its query, as the service's docs say.</summary>
    public static string RestAudience(Uri requestUri) => requestUri.GetLeftPart(UriPartial.Path);
}
