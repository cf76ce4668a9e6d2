using System.Security.Cryptography;
using System.Text;

namespace Steunpunt.Chat.Sessions;

/// <summary>
/// The visitor's key to one chat: 256 random bits, handed out once, sent back in the <c>X-Visitor-Token</c> header
/// (never in a URL). Only its SHA-256 is stored, so the table cannot be used to impersonate a visitor.
/// </summary>
public static class VisitorTokens
{
    public const string Header = "X-Visitor-Token";

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string? token, string storedHash)
        => !string.IsNullOrEmpty(token) && token.Length <= 100
           && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
