using Steunpunt.Common.Http;

namespace Steunpunt.UnitTests.Common;

public class DayQueryTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_day_is_today(string? value) => Assert.Equal((Today, (string?)null), DayQuery.Parse(value, Today));

    [Theory]
    [InlineData("2026-12-03", 2026, 12, 3)]
    [InlineData("2028-02-29", 2028, 2, 29)]
    [InlineData("0001-01-01", 1, 1, 1)]
    [InlineData("9999-12-31", 9999, 12, 31)]
    public void A_calendar_day_is_read_as_given(string value, int year, int month, int day)
        => Assert.Equal((new DateOnly(year, month, day), (string?)null), DayQuery.Parse(value, Today));

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2027-02-29")]
    [InlineData("03-12-2026")]
    [InlineData("2026-12-3")]
    [InlineData("2026-12-03T00:00")]
    [InlineData(" 2026-12-03")]
    [InlineData("10000-01-01")]
    [InlineData("vandaag")]
    public void Anything_else_is_a_Dutch_error_that_shows_the_form(string value)
    {
        var (_, error) = DayQuery.Parse(value, Today);
        Assert.Contains("jjjj-mm-dd", error);
        Assert.Contains("2026-12-02", error);
    }
}
