using System.Security.Cryptography;
using System.Text;

namespace Steunpunt.Connectors;

/// <summary>
/// Our own name for one piece of outgoing work (say, "the receipt for mail case 123"), and when that work was
/// first created. Connectors derive the services' idempotency headers from it, so a retried or redelivered
/// send is recognised as the same send.
/// </summary>
public readonly record struct IdempotencyKey(string Value, DateTimeOffset FirstCreated)
{
    /// <summary>
    /// A stable UUID for this key (and purpose): SHA-256 of both, with the RFC 9562 version 8 (custom) and
    /// variant bits set, so it is a well-formed UUID that the same key always gives.
    /// </summary>
    public Guid ToGuid(string purpose)
    {
        if (string.IsNullOrWhiteSpace(Value)) throw new ArgumentException("An idempotency key needs a value.", nameof(Value));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(purpose + "\n" + Value));
        var bytes = hash.AsSpan(0, 16);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
