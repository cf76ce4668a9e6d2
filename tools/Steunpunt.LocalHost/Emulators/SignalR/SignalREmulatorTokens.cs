using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Steunpunt.Connectors.SignalR;

namespace Steunpunt.LocalHost.Emulators.SignalR;

/// <summary>The outcome of a token check: the token's claims, or why it was refused.</summary>
internal readonly record struct TokenCheck(ClaimsIdentity? Identity, string? Failure)
{
    public bool IsValid => Identity is not null;
}

/// <summary>
/// Checks SignalR Service JWTs as the service does: HS256 (or HS512) over the UTF-8 bytes of the AccessKey in the
/// app's own <c>AzureSignalRConnectionString</c>; <c>exp</c> required and in the future by the app's clock
/// (<see cref="TimeProvider"/>, so tests with a fake clock work); <c>nbf</c>, when present, not in the future;
/// <c>aud</c> the URL the token is used for. Issuer is not checked (the service does not either).
/// </summary>
internal sealed class SignalREmulatorTokens(SignalRServiceEndpoint service, TimeProvider clock)
{
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    // Built once: a new key object per check would make the token library derive its id (a SHA-256 thumbprint) and a
    // new HMAC every time, which the service does not spend either.
    private readonly Lazy<TokenValidationParameters> parameters = new(() => new TokenValidationParameters
    {
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(service.AccessKey!)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha512],
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ValidateIssuer = false,
        // Audience and lifetime are checked below: the audience is a URL compared with the request, and the
        // lifetime against the app's clock.
        ValidateAudience = false,
        ValidateLifetime = false,
        RequireExpirationTime = false,
    });

    public static string IdentityBasedSettings =>
        $"The app's '{SignalROptions.Setting}' is identity-based (serviceUri/credential), so the emulator has no access key to check tokens with; " +
        "use the emulator's connection string locally (local.settings.sample.json).";

    public bool HasKey => service.AccessKey is not null;

    /// <param name="audienceMatches">Whether one of the token's audiences names what is being accessed.</param>
    public async Task<TokenCheck> CheckAsync(string? token, Func<string, bool> audienceMatches)
    {
        if (service.AccessKey is null) return new(null, IdentityBasedSettings);
        if (string.IsNullOrEmpty(token)) return new(null, "No access token: send 'Authorization: Bearer <JWT>'.");

        var result = await handler.ValidateTokenAsync(token, parameters.Value);
        if (!result.IsValid)
        {
            return new(null, result.Exception switch
            {
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature does not match the access key.",
                SecurityTokenInvalidAlgorithmException => "The token must be signed with HS256 (or HS512).",
                _ => "The token is not a valid JWT.",
            });
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var now = clock.GetUtcNow();
        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp)) return new(null, "The token has no 'exp' claim.");
        if (DateTimeOffset.FromUnixTimeSeconds(exp) <= now) return new(null, "The token has expired.");
        if (jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf) > now)
        {
            return new(null, "The token is not valid yet ('nbf').");
        }
        if (!jwt.Audiences.Any(audienceMatches)) return new(null, "The token's audience ('aud') is not this URL.");
        return new(result.ClaimsIdentity, null);
    }

    /// <summary>
    /// Whether <paramref name="audience"/> names <paramref name="url"/>: same scheme, host (any case) and path;
    /// the port may be left out (the SDK leaves a connection string's Port out of the audience).
    /// </summary>
    public static bool SameResource(string audience, Uri url)
    {
        if (!Uri.TryCreate(audience, UriKind.Absolute, out var aud)) return false;
        return aud.Scheme == url.Scheme
            && string.Equals(aud.Host, url.Host, StringComparison.OrdinalIgnoreCase)
            && (aud.Port == url.Port || aud.IsDefaultPort)
            && string.Equals(aud.AbsolutePath.TrimEnd('/'), url.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal);
    }

    /// <summary>The user id the service takes from a client token: <c>asrs.s.uid</c> (SDK), else <c>nameid</c> (docs).</summary>
    public static string? UserId(ClaimsIdentity identity)
        => identity.FindFirst(SignalRAccessTokens.UserIdClaim)?.Value is { Length: > 0 } uid ? uid : identity.FindFirst(SignalRAccessTokens.NameIdClaim)?.Value;
}
