namespace Steunpunt.Common;

/// <summary>
/// The one rule for "today": the calendar day in the organisation's time zone, not the UTC day, so a staff member
/// asking at half past midnight gets the day that has begun on the wall clock.
/// </summary>
public sealed class OrganisationClock(TimeProvider clock, TimeZoneInfo zone)
{
    /// <summary>
    /// The zone comes from this one setting. Chat (<c>Chat:TimeZone</c>) and staff notifications
    /// (<c>StaffNotifications:TimeZone</c>) keep settings of their own for their opening hours and mail times.
    /// </summary>
    public const string TimeZoneSetting = "Reminders:TimeZone";

    public const string DefaultTimeZone = "Europe/Amsterdam";

    public TimeZoneInfo Zone => zone;

    public DateOnly Today() => LocalDay(clock.GetUtcNow());

    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
