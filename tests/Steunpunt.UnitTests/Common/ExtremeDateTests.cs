using System.Globalization;
using Microsoft.AspNetCore.Http;
using Steunpunt.Common.Http;
using Steunpunt.Reminders.Appointments;
using Steunpunt.StaffNotifications;

namespace Steunpunt.UnitTests.Common;

/// <summary>
/// Every date rule the HTTP API reads, over a generated set of parseable-but-extreme values: each answers a value or a
/// Dutch error, never an exception (an exception is a 500 at the edge).
/// </summary>
public class ExtremeDateTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly string[] Days =
    [
        "0001-01-01", "0001-01-02", "0001-12-31", "0100-03-01", "1582-10-10", "1900-01-01", "1937-07-01", "1969-12-31",
        "1970-01-01", "2024-02-29", "2026-03-29", "2026-10-25", "2026-12-02", "2027-03-28", "2027-10-31", "9998-12-31",
        "9999-01-01", "9999-12-30", "9999-12-31",
    ];

    private static readonly string[] Times = ["00:00", "00:00:00", "01:59", "02:00", "02:30", "02:59:59", "03:00", "12:00", "23:59", "23:59:59", "23:59:59.9999999"];

    private static readonly string[] Offsets = ["", "Z", "+00:00", "+01:00", "+02:00", "+00:20", "-00:01", "+14:00", "-14:00", "+13:59", "-13:59"];

    /// <summary>Each day, each time on it and each offset after it, plus the framework's own extremes.</summary>
    public static IEnumerable<string> Values()
    {
        foreach (var day in Days)
        {
            yield return day;
            foreach (var time in Times)
            {
                foreach (var offset in Offsets) yield return $"{day}T{time}{offset}";
            }
        }
        foreach (var extreme in new[] { DateTime.MinValue, DateTime.MaxValue })
        {
            yield return extreme.ToString("o", CultureInfo.InvariantCulture);
            yield return extreme.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        }
        yield return DateTimeOffset.MinValue.ToString("o", CultureInfo.InvariantCulture);
        yield return DateTimeOffset.MaxValue.ToString("o", CultureInfo.InvariantCulture);
        yield return "0001-01-01T00:00:00.0000000+14:00";
        yield return "9999-12-31T23:59:59.9999999-14:00";
    }

    public static TheoryData<string> Extremes() => new(Values().Distinct());

    [Fact]
    public void The_generated_set_is_large_and_distinct() => Assert.True(Values().Distinct().Count() > 2000);

    [Theory]
    [MemberData(nameof(Extremes))]
    public void A_start_time_is_an_instant_in_the_zone_or_a_Dutch_error(string text)
    {
        var (instant, error) = LocalStartTime.Parse(text, Amsterdam);
        Assert.True(instant is null != error is null, $"'{text}': exactly one of instant and error");
        if (instant is { } at)
        {
            Assert.Equal(0, at.Offset.Seconds);
            Assert.Equal(Amsterdam.GetUtcOffset(at), at.Offset);
        }
        else Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [MemberData(nameof(Extremes))]
    public void A_since_is_an_instant_at_most_a_week_back_or_a_Dutch_error(string text)
    {
        var (since, error) = SinceQuery.Parse(text, Now);
        if (error is null) Assert.True(since >= Now.AddDays(-SinceQuery.MaxDaysBack), $"'{text}' → {since:o}");
        else Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [MemberData(nameof(Extremes))]
    public void A_day_is_a_day_or_a_Dutch_error(string text)
    {
        var (_, error) = DayQuery.Parse(text, DateOnly.FromDateTime(Now.UtcDateTime));
        Assert.True(error is null == Days.Contains(text), $"'{text}': {error}");
    }

    public static TheoryData<string?, string?, DateOnly> Ranges()
    {
        var data = new TheoryData<string?, string?, DateOnly>();
        string?[] ends = [null, .. Days, "9999-12-31T00:00"];
        DateOnly[] todays = [DateOnly.MinValue, DateOnly.MinValue.AddDays(5), new(2026, 12, 2), DateOnly.MaxValue];
        foreach (var from in ends)
        {
            foreach (var to in ends)
            {
                foreach (var today in todays) data.Add(from, to, today);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public void A_range_is_at_most_max_days_forwards_or_a_Dutch_problem(string? from, string? to, DateOnly today)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = QueryString.Create(new[] { ("from", from), ("to", to) }
            .Where(p => p.Item2 is not null).Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2)));

        var (first, last, problem) = DateRangeQuery.Parse(context.Request, today, 366);

        if (problem is null)
        {
            Assert.True(first <= last, $"{first} ≤ {last}");
            Assert.True(last.DayNumber - first.DayNumber < 366);
        }
        else
        {
            var body = Assert.IsType<ProblemResult>(problem).Value;
            Assert.Contains(body.Errors!.Keys, key => key is "from" or "to");
        }
    }
}
