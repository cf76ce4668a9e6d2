using Steunpunt.StaffNotifications;

namespace Steunpunt.UnitTests.StaffNotifications;

/// <summary><c>?since=</c>: an ISO 8601 instant with an offset, default 24 hours back, at most 7 days back.</summary>
public class SinceQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_a_value_it_is_24_hours_ago(string? value)
        => Assert.Equal((Now.AddHours(-24), (string?)null), SinceQuery.Parse(value, Now));

    [Theory]
    [InlineData("2026-03-09T08:15:00Z", "2026-03-09T08:15:00Z")]
    [InlineData("2026-03-09T08:15Z", "2026-03-09T08:15:00Z")]
    [InlineData("2026-03-09t08:15:00z", "2026-03-09T08:15:00Z")]
    [InlineData("2026-03-09T08:15:00.1234567Z", "2026-03-09T08:15:00.1234567Z")]
    [InlineData("2026-03-09T09:15:00+01:00", "2026-03-09T08:15:00Z")]
    [InlineData("2026-03-09T09:15:00.5+01:00", "2026-03-09T08:15:00.5Z")]
    [InlineData("2026-03-09T09:15:00 01:00", "2026-03-09T08:15:00Z")] // an unencoded '+' arrives as a space
    [InlineData("2026-03-09T03:15:00-05:00", "2026-03-09T08:15:00Z")]
    public void An_instant_with_an_offset_is_read_in_UTC(string value, string expected)
    {
        var (since, error) = SinceQuery.Parse(value, Now);
        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), since);
        Assert.Equal(TimeSpan.Zero, since.Offset);
    }

    [Theory]
    [InlineData("2026-03-09T08:15:00")] // no offset: ambiguous
    [InlineData("2026-03-09")]
    [InlineData("gisteren")]
    [InlineData("1741508100")]
    [InlineData("09-03-2026T08:15:00Z")]
    [InlineData("2026-03-09T25:00:00Z")]
    public void Anything_else_is_an_error(string value)
        => Assert.Contains("ISO 8601", SinceQuery.Parse(value, Now).Error);

    [Fact]
    public void Exactly_seven_days_back_is_allowed_and_a_moment_more_is_not()
    {
        Assert.Null(SinceQuery.Parse("2026-03-03T12:00:00Z", Now).Error);
        Assert.Contains("7 dagen", SinceQuery.Parse("2026-03-03T11:59:59Z", Now).Error);
    }

    [Fact]
    public void A_future_instant_is_allowed()
        => Assert.Null(SinceQuery.Parse("2026-03-11T00:00:00Z", Now).Error);
}
