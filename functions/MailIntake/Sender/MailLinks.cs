using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Steunpunt.Common.Storage;

namespace Steunpunt.MailIntake.Sender;

/// <summary>
/// The sender's way back into their case without an inbox. Every mail to the sender (the receipt, each staff reply)
/// links to the continue page with a token in the URL fragment, <c>&lt;page&gt;#&lt;case id&gt;.&lt;secret&gt;</c>: a browser
/// never sends a fragment to a server, so no access log or proxy sees it; the page sends the token in the
/// <see cref="Header"/> header. The secret is 256 random bits, base64url, one per mail. Only a keyed hash of it is
/// stored (HMAC-SHA256 with the app's own key, see <see cref="AppSecrets"/>), on the case row, so neither the table nor a
/// copy of it opens a case, and the hashes go when the case is erased.
/// </summary>
public static class MailLinks
{
    public const string Header = "X-Mail-Secret";
    public const string KeyName = "mail-link-secret";
    public const int SecretBytes = 32;
    private const int CaseIdLength = 32;

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Token(string caseId, string secret) => caseId + "." + secret;

    /// <summary>The link in a mail: the page, then the token in the fragment (the page URL has neither query nor fragment; see the options).</summary>
    public static string Url(string pageUrl, string caseId, string secret) => pageUrl + "#" + Token(caseId, secret);

    /// <summary>The case id and secret of a header value; null for anything that cannot be a token of ours.</summary>
    public static (string CaseId, string Secret)? Parse(string? token)
    {
        if (token is not { Length: CaseIdLength + 1 + 43 } || token[CaseIdLength] != '.') return null;
        var caseId = token[..CaseIdLength];
        var secret = token[(CaseIdLength + 1)..];
        if (!EntityIds.IsWellFormed(caseId) || caseId != caseId.ToLowerInvariant()) return null;
        if (!Base64Url.IsValid(secret, out var length) || length != SecretBytes) return null;
        return (caseId, secret);
    }

    /// <summary>The stored form: HMAC-SHA256 over case id and secret (a hash is of no use for another case), base64url.</summary>
    public static string Hash(byte[] key, string caseId, string secret) => Base64Url.EncodeToString(Mac(key, caseId, secret));

    /// <summary>The case's stored hashes with one more (space-separated: the receipt's, then one per staff reply).</summary>
    public static string WithHash(string? hashes, string hash) => string.IsNullOrEmpty(hashes) ? hash : hashes + " " + hash;

    /// <summary>Whether the secret is one of the case's, comparing every stored hash in constant time.</summary>
    public static bool Matches(byte[] key, string caseId, string secret, string? hashes)
    {
        if (string.IsNullOrEmpty(hashes)) return false;
        var actual = Mac(key, caseId, secret);
        var match = false;
        foreach (var stored in hashes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Base64Url.IsValid(stored, out var length) || length != actual.Length) continue;
            match |= CryptographicOperations.FixedTimeEquals(actual, Base64Url.DecodeFromChars(stored));
        }
        return match;
    }

    private static byte[] Mac(byte[] key, string caseId, string secret) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(caseId + "." + secret));
}

/// <summary>The link rules with the app's key: new secrets and their hashes, and the check of a token.</summary>
public sealed class MailLinkKeys(AppSecrets secrets)
{
    public async Task<(string Secret, string Hash)> NewAsync(string caseId, CancellationToken cancellationToken)
    {
        var secret = MailLinks.NewSecret();
        return (secret, await HashAsync(caseId, secret, cancellationToken));
    }

    public async Task<string> HashAsync(string caseId, string secret, CancellationToken cancellationToken)
        => MailLinks.Hash(await secrets.KeyAsync(MailLinks.KeyName, cancellationToken), caseId, secret);

    public async Task<bool> MatchesAsync(string caseId, string secret, string? hashes, CancellationToken cancellationToken)
        => MailLinks.Matches(await secrets.KeyAsync(MailLinks.KeyName, cancellationToken), caseId, secret, hashes);
}
