using System.Globalization;

namespace Steunpunt.Common.Http;

/// <summary>Reads a calendar day given as <c>yyyy-MM-dd</c> (e.g. <c>?day=2026-12-03</c>); absent means today.</summary>
public static class DayQuery
{
    /// <returns>The day, or a Dutch error text. Every date from 0001-01-01 to 9999-12-31 is a day; nothing is computed from it that could overflow.</returns>
    public static (DateOnly Day, string? Error) Parse(string? value, DateOnly today)
    {
        if (string.IsNullOrEmpty(value)) return (today, null);
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (day, null)
            : (today, $"Geef de dag als jjjj-mm-dd, bijvoorbeeld {today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (ontvangen: '{Problem.Echo(value)}').");
    }
}
