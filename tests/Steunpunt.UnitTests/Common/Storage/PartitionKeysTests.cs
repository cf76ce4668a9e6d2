using Steunpunt.Common.Storage;

namespace Steunpunt.UnitTests.Common.Storage;

public class PartitionKeysTests
{
    [Fact]
    public void Day_and_month_keys_are_the_utc_day_and_month_as_stored()
    {
        // 01:30 in Amsterdam on 1 March is still 28 February in UTC: the key follows UTC.
        var at = new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal("20260228", PartitionKeys.Day(at));
        Assert.Equal("202602", PartitionKeys.Month(at));
        Assert.Equal("20260307", PartitionKeys.Day(new DateOnly(2026, 3, 7)));
        Assert.Equal("202603", PartitionKeys.Month(new DateOnly(2026, 3, 7)));
    }

    [Fact]
    public void A_day_key_reads_back_as_its_day()
        => Assert.Equal(new DateOnly(2026, 12, 31), PartitionKeys.ParseDay(PartitionKeys.Day(new DateOnly(2026, 12, 31))));

    [Fact]
    public void Keys_sort_as_their_days()
        => Assert.True(string.CompareOrdinal(PartitionKeys.Day(new DateOnly(2026, 9, 30)), PartitionKeys.Day(new DateOnly(2026, 10, 1))) < 0);
}
