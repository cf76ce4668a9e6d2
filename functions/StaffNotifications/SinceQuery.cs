using System.Globalization;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// Reads <c>?since=</c>: an ISO 8601 instant with a UTC offset or <c>Z</c> (a local time without one is ambiguous),
/// seconds and fractions optional. Default: 24 hours ago; at most <see cref="MaxDaysBack"/> days back.
/// </summary>
public static class SinceQuery
{
    public const string Parameter = "since";
    public const int MaxDaysBack = 7;
    public static readonly TimeSpan Default = TimeSpan.FromHours(24);

    private static readonly string[] WithOffset = ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];
    private static readonly string[] Utc = ["yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    /// <returns>The instant, or an error (Dutch) for the parameter.</returns>
    public static (DateTimeOffset Since, string? Error) Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return (now - Default, null);
        // An unencoded '+' in a query string arrives as a space: "…T10:00:00 01:00" meant "+01:00".
        var text = value.Trim().Replace(' ', '+').ToUpperInvariant();
        if (!DateTimeOffset.TryParseExact(text, WithOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out var since)
            && !DateTimeOffset.TryParseExact(text, Utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since))
        {
            return (default, "Gebruik een tijdstip volgens ISO 8601 met tijdzone, zoals 2026-03-02T09:30:00Z of 2026-03-02T10:30:00+01:00.");
        }
        if (since < now.AddDays(-MaxDaysBack))
        {
            return (default, $"Vraag hoogstens {MaxDaysBack} dagen terug op: '{Parameter}' mag niet vóór {now.AddDays(-MaxDaysBack).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} liggen.");
        }
        return (since.ToUniversalTime(), null);
    }
}
