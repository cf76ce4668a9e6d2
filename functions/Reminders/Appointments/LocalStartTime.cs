using System.Globalization;

namespace Steunpunt.Reminders.Appointments;

/// <summary>
/// Reads a start time given as local wall-clock time ("2026-03-29T14:30"), optionally with an explicit offset
/// ("2026-10-25T02:30+01:00"). A local time that does not exist (the spring-forward gap) is refused; one that occurs
/// twice (the autumn overlap) is refused unless the offset says which.
/// </summary>
public static class LocalStartTime
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz"];

    /// <returns>The instant, or a Dutch error text.</returns>
    public static (DateTimeOffset? Instant, string? Error) Parse(string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, "Geef de begintijd als jjjj-mm-ddTuu:mm (lokale tijd).");
        text = text.Trim();
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (zone.IsInvalidTime(local))
            {
                return (null, $"{local:yyyy-MM-dd HH:mm} bestaat niet in {zone.Id}: de klok wordt die nacht vooruitgezet. Kies een andere tijd.");
            }
            if (zone.IsAmbiguousTime(local))
            {
                var offsets = zone.GetAmbiguousTimeOffsets(local).Select(o => o.ToString("hh\\:mm", CultureInfo.InvariantCulture)).Order();
                return (null, $"{local:yyyy-MM-dd HH:mm} komt twee keer voor in {zone.Id} (de klok wordt teruggezet). Geef de offset erbij, bijvoorbeeld +{string.Join(" of +", offsets)}.");
            }
            var offset = zone.GetUtcOffset(local);
            if (!IsInstant(local, offset))
            {
                return (null, $"{local:yyyy-MM-dd HH:mm} ligt buiten de tijden die de agenda kent. Kies een tijd in de komende twaalf maanden.");
            }
            return (new DateTimeOffset(local, offset), null);
        }
        if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            var wall = withOffset.DateTime;
            var valid = zone.IsInvalidTime(wall) ? []
                : zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall)
                : [zone.GetUtcOffset(wall)];
            if (!valid.Contains(withOffset.Offset))
            {
                return (null, $"{text} is geen lokale tijd in {zone.Id}: de offset past niet bij die datum en tijd.");
            }
            return (withOffset, null);
        }
        return (null, "Geef de begintijd als jjjj-mm-ddTuu:mm (lokale tijd), eventueel met offset (+01:00).");
    }

    /// <summary>
    /// Whether a wall-clock time and offset make a <see cref="DateTimeOffset"/>: in year 1 and 9999 the instant can fall
    /// outside its UTC range, and a zone's historical offset (local mean time) need not be a whole number of minutes.
    /// </summary>
    private static bool IsInstant(DateTime local, TimeSpan offset)
        => offset.Ticks % TimeSpan.TicksPerMinute == 0
            && local.Ticks - offset.Ticks >= DateTime.MinValue.Ticks
            && local.Ticks - offset.Ticks <= DateTime.MaxValue.Ticks;
}
