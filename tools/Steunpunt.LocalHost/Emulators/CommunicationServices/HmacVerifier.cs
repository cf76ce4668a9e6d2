using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Steunpunt.Connectors.CommunicationServices;

namespace Steunpunt.LocalHost.Emulators.CommunicationServices;

/// <summary>
/// Checks a request's access-key signature as Communication Services does: the body hash must match the body,
/// the date must be recent, and the HMAC over verb, path and query as sent, date, host and hash must match the key.
/// The date may be in <c>x-ms-date</c> (what the SDKs send) or in the standard <c>Date</c> header, as the REST
/// authentication docs allow; <c>SignedHeaders</c> says which one was signed, and that one is checked.
/// </summary>
public static class HmacVerifier
{
    /// <summary>Not published for Communication Services; the 15 minutes App Configuration documents for the same scheme.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>The two signed-header lists the docs give; anything else is refused.</summary>
    public static readonly IReadOnlyList<string> AcceptedSignedHeaders = [AcsHmac.SignedHeaders, "date;host;" + AcsHmac.ContentHashHeader];

    /// <returns>Null when the request is signed with <paramref name="key"/>; otherwise why not.</returns>
    public static string? Verify(HttpRequest request, ReadOnlySpan<byte> body, byte[] key, DateTimeOffset now)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "Entra ID tokens cannot be checked by the local emulator; use an access-key connection string locally.";
        }
        const string scheme = "HMAC-SHA256 ";
        if (!authorization.StartsWith(scheme, StringComparison.Ordinal)) return "Authorization header missing or not HMAC-SHA256.";

        string? signedHeaders = null, signature = null;
        foreach (var part in authorization[scheme.Length..].Split('&'))
        {
            var at = part.IndexOf('=');
            if (at <= 0) continue;
            var name = part[..at];
            if (name == "SignedHeaders") signedHeaders = part[(at + 1)..];
            else if (name == "Signature") signature = part[(at + 1)..];
        }
        if (signedHeaders is null || signature is null) return "Authorization header lacks SignedHeaders or Signature.";
        if (!AcceptedSignedHeaders.Contains(signedHeaders, StringComparer.OrdinalIgnoreCase)) return $"SignedHeaders must be '{string.Join("' or '", AcceptedSignedHeaders)}'.";

        var dateHeader = signedHeaders[..signedHeaders.IndexOf(';')];
        var date = request.Headers[dateHeader].ToString();
        if (!DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)) return $"{dateHeader} missing or not an RFC 1123 date.";
        if ((now - signedAt).Duration() > AllowedClockSkew) return $"{dateHeader} is too far from the current time.";

        var claimedHash = request.Headers[AcsHmac.ContentHashHeader].ToString();
        var actualHash = AcsHmac.ContentHash(body);
        if (!FixedTimeEquals(claimedHash, actualHash)) return "x-ms-content-sha256 does not match the body.";

        var pathAndQuery = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.PathBase + request.Path + request.QueryString).ToString();
        var expected = AcsHmac.Signature(key, AcsHmac.StringToSign(request.Method, pathAndQuery, date, request.Host.Value ?? "", claimedHash));
        return FixedTimeEquals(signature, expected) ? null : "The signature does not match.";
    }

    private static bool FixedTimeEquals(string a, string b)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
