namespace Steunpunt.Common;

/// <summary>
/// The one rule for "today": the calendar day in the organisation's time zone, not the UTC day, so a staff member
/// asking at half past midnight gets the day that has begun on the wall clock.
/// </summary>
/// <remarks>Registered by <c>AddCommon</c> from <c>Organisation:TimeZone</c>, the one time-zone setting of the app.</remarks>
public sealed class OrganisationClock(TimeProvider clock, TimeZoneInfo zone)
{
    /// <summary>The organisation's zone (<see cref="OrganisationOptions.TimeZone"/>), for every slice that works in local time.</summary>
    public TimeZoneInfo Zone => zone;

    public DateOnly Today() => LocalDay(clock.GetUtcNow());

    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
