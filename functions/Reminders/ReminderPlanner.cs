namespace Steunpunt.Reminders;

/// <summary>One reminder to send: which lead time it is for and when it is due.</summary>
public sealed record PlannedReminder(TimeSpan Lead, DateTimeOffset DueAt);

/// <summary>
/// When reminders are due, in the organisation's local time: the start minus each lead time, moved out of the quiet
/// hours to their end (if the appointment is still ahead then). Pure, so daylight-saving days can be tested directly.
/// </summary>
public sealed class ReminderPlanner(TimeZoneInfo zone, int quietFromHour, int quietUntilHour)
{
    public TimeZoneInfo Zone => zone;

    public static ReminderPlanner From(ReminderOptions options, TimeZoneInfo zone)
        => new(zone, options.QuietFromHour, options.QuietUntilHour);

    /// <summary>The reminders for an appointment starting at <paramref name="start"/>, leaving out those due before <paramref name="now"/>.</summary>
    public IReadOnlyList<PlannedReminder> Plan(DateTimeOffset start, IReadOnlyList<TimeSpan> leads, DateTimeOffset now)
    {
        var planned = new List<PlannedReminder>();
        foreach (var lead in leads.OrderBy(l => l))
        {
            var due = OutOfQuietHours(start - lead, start);
            if (due is null || due < now) continue;
            // Two leads moved to the same moment (both fell in the night): one SMS, the shorter lead's.
            if (planned.Any(p => p.DueAt == due)) continue;
            planned.Add(new PlannedReminder(lead, due.Value));
        }
        return planned.OrderBy(p => p.DueAt).ToList();
    }

    public bool IsQuiet(DateTimeOffset instant)
    {
        var hour = TimeZoneInfo.ConvertTime(instant, zone).Hour;
        return quietFromHour > quietUntilHour
            ? hour >= quietFromHour || hour < quietUntilHour
            : hour >= quietFromHour && hour < quietUntilHour;
    }

    /// <summary>
    /// The instant itself when outside the quiet hours; else the end of this quiet period (the next local
    /// <c>quietUntilHour</c>:00), or null when the appointment has started by then.
    /// </summary>
    public DateTimeOffset? OutOfQuietHours(DateTimeOffset due, DateTimeOffset start)
    {
        if (!IsQuiet(due)) return due;
        var local = TimeZoneInfo.ConvertTime(due, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (local.Hour >= quietUntilHour) day = day.AddDays(1);
        var moved = Instant(day, new TimeOnly(quietUntilHour, 0));
        return moved < start ? moved : null;
    }

    /// <summary>The organisation's local date of an instant (an appointment's statistics go by it).</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>A local wall-clock time as an instant; in a gap the time after it, in an overlap the first (summer-time) one.</summary>
    public DateTimeOffset Instant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
