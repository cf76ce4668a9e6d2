using Microsoft.Extensions.Time.Testing;
using Steunpunt.Common;

namespace Steunpunt.UnitTests.Common;

public class OrganisationClockTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Theory]
    [InlineData("2026-01-15T23:30:00Z", 2026, 1, 16)] // winter, UTC+1: 00:30 on the next local day
    [InlineData("2026-07-15T22:30:00Z", 2026, 7, 16)] // summer, UTC+2: 00:30 on the next local day
    [InlineData("2026-01-15T22:30:00Z", 2026, 1, 15)] // 23:30 local: still the same day
    [InlineData("2026-03-29T00:30:00Z", 2026, 3, 29)] // the night the clocks go forward
    public void Today_is_the_organisations_local_day_not_the_UTC_day(string utc, int year, int month, int day)
    {
        var clock = new OrganisationClock(new FakeTimeProvider(DateTimeOffset.Parse(utc)), Amsterdam);

        Assert.Equal(new DateOnly(year, month, day), clock.Today());
    }
}
