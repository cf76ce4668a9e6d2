using Microsoft.Extensions.Options;
using Steunpunt.Common;

namespace Steunpunt.Chat.Schedule;

/// <param name="Open">Staff are on duty now.</param>
/// <param name="ClosesAt">When the current period ends (when open).</param>
/// <param name="NextOpening">When the next period starts (when closed); null if none in the next weeks.</param>
public sealed record ChatAvailability(bool Open, DateTimeOffset? ClosesAt, DateTimeOffset? NextOpening);

/// <summary>
/// The chat's opening hours in the organisation's time zone: weekly periods (office hours, evening shift) and
/// holidays. Local times are turned into instants with the zone's rules, so daylight-saving days come out right.
/// </summary>
public sealed class ChatSchedule
{
    private const int LookAheadDays = 31;
    private readonly Dictionary<DayOfWeek, IReadOnlyList<OpeningPeriod>> week = [];
    private readonly HashSet<DateOnly> holidays;
    private readonly TimeSpan eveningFrom;
    private readonly bool alwaysOpen;

    public TimeZoneInfo Zone { get; }

    public ChatSchedule(IOptions<ChatOptions> options, OrganisationClock organisation)
    {
        var settings = options.Value;
        Zone = organisation.Zone;
        foreach (var (day, text) in settings.OpeningHours)
        {
            OpeningPeriod.TryParseDay(text, out var periods, out _);
            week[Enum.Parse<DayOfWeek>(day, ignoreCase: true)] = periods;
        }
        holidays = settings.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd")).ToHashSet();
        eveningFrom = TimeOnly.ParseExact(settings.EveningFrom, "HH:mm").ToTimeSpan();
        alwaysOpen = settings.AlwaysOpen;
    }

    /// <remarks>With <see cref="ChatOptions.AlwaysOpen"/> the chat is open with no closing time.</remarks>
    public ChatAvailability At(DateTimeOffset now)
    {
        if (alwaysOpen) return new ChatAvailability(true, null, null);
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        // Start a day early: a period of yesterday that runs to 24:00 ends today.
        foreach (var (start, end) in Periods(localDay.AddDays(-1), LookAheadDays + 1))
        {
            if (now < start) return new ChatAvailability(false, null, start);
            if (now < end) return new ChatAvailability(true, end, null);
        }
        return new ChatAvailability(false, null, null);
    }

    /// <summary>Whether an instant falls in the evening shift (local time at or after the evening start), for the insights.</summary>
    public bool IsEvening(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).TimeOfDay >= eveningFrom;

    public int LocalHour(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).Hour;

    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Periods(DateOnly firstDay, int days)
    {
        for (var day = firstDay; day < firstDay.AddDays(days); day = day.AddDays(1))
        {
            if (holidays.Contains(day) || !week.TryGetValue(day.DayOfWeek, out var periods)) continue;
            foreach (var period in periods)
            {
                yield return (Instant(day, period.Start), Instant(day, period.End));
            }
        }
    }

    /// <summary>
    /// The instant of a local wall-clock time. A time that does not exist (the spring-forward gap) moves on to the
    /// first one that does; an ambiguous one (the autumn overlap) is taken at its first occurrence.
    /// </summary>
    private DateTimeOffset Instant(DateOnly day, TimeSpan time)
    {
        var local = day.ToDateTime(TimeOnly.MinValue).Add(time);
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
