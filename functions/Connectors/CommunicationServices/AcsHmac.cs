using System.Security.Cryptography;
using System.Text;

namespace Steunpunt.Connectors.CommunicationServices;

/// <summary>
/// The access-key scheme of Communication Services: HMAC-SHA256 over
/// <c>VERB\npath-and-query\nx-ms-date;host;x-ms-content-sha256</c> with the base64-decoded key.
/// Both the client policy and the local emulator use these, and a unit test pins them to a published-algorithm test vector.
/// </summary>
public static class AcsHmac
{
    public const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";
    public const string DateHeader = "x-ms-date";
    public const string ContentHashHeader = "x-ms-content-sha256";

    public static string ContentHash(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    public static string StringToSign(string method, string pathAndQuery, string date, string host, string contentHash)
        => $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{date};{host};{contentHash}";

    public static string Signature(byte[] key, string stringToSign)
        => Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    public static string AuthorizationHeader(string signature) => $"HMAC-SHA256 SignedHeaders={SignedHeaders}&Signature={signature}";

    /// <summary>RFC 1123 date, as <c>x-ms-date</c> wants it.</summary>
    public static string Date(DateTimeOffset now) => now.UtcDateTime.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
}
