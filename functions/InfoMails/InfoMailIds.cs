using System.Globalization;
using Steunpunt.Common.Storage;

namespace Steunpunt.InfoMails;

/// <summary>
/// An information mail's id: a version 7 UUID, 74 random bits after the millisecond it was made. It is not a secret (it is the
/// reference in the satisfaction link), but it cannot be guessed, and its time part tells which day partition holds the mail,
/// so a lookup by id alone is a point read.
/// </summary>
public static class InfoMailIds
{
    public static Guid New(DateTimeOffset now) => Guid.CreateVersion7(now);

    /// <summary>The reference as it appears in the satisfaction link: 32 hexadecimal digits.</summary>
    public static string Reference(Guid id) => id.ToString("N");

    public static bool TryParse(string? value, out Guid id, out DateTimeOffset createdAt)
    {
        createdAt = default;
        if (!Guid.TryParse(value, out id) || id.Version != 7) return false;
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        long milliseconds = 0;
        for (var i = 0; i < 6; i++) milliseconds = (milliseconds << 8) | bytes[i];
        createdAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    /// <summary>The table partition: the UTC day the mail was requested.</summary>
    public static string DayKey(DateTimeOffset at) => PartitionKeys.Day(at);

    public static string DayKey(DateOnly day) => PartitionKeys.Day(day);
}
