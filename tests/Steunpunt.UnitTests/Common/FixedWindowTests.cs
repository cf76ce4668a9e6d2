using Microsoft.Extensions.Time.Testing;
using Steunpunt.Common.RateLimits;

namespace Steunpunt.UnitTests.Common;

public class FixedWindowTests
{
    private static readonly DateTimeOffset Start = new(2031, 3, 30, 23, 59, 30, TimeSpan.Zero);

    [Fact]
    public void A_day_window_is_the_utc_day_whatever_the_offset_of_the_moment()
    {
        var window = FixedWindow.Of(new DateTimeOffset(2031, 3, 31, 1, 30, 0, TimeSpan.FromHours(2)), TimeSpan.FromDays(1));
        Assert.Equal(new DateTimeOffset(2031, 3, 30, 0, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2031, 3, 31, 0, 0, 0, TimeSpan.Zero), window.End);
    }

    [Fact]
    public void Every_moment_of_a_window_maps_to_the_same_window_and_the_next_moment_to_the_next()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 3, 30, 10, 0, 0, TimeSpan.Zero));
        var hour = FixedWindow.Of(clock.GetUtcNow(), TimeSpan.FromHours(1));
        clock.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(59.9));
        Assert.Equal(hour, FixedWindow.Of(clock.GetUtcNow(), TimeSpan.FromHours(1)));
        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(hour.End, FixedWindow.Of(clock.GetUtcNow(), TimeSpan.FromHours(1)).Start);
    }

    [Fact]
    public void Permits_are_allowed_up_to_the_limit_then_refused_until_the_window_ends()
    {
        var clock = new FakeTimeProvider(Start);
        var window = FixedWindow.Of(clock.GetUtcNow(), TimeSpan.FromMinutes(1));
        Assert.True(window.Decide(used: 0, permits: 3, clock.GetUtcNow()).Allowed);
        Assert.True(window.Decide(used: 2, permits: 3, clock.GetUtcNow()).Allowed);
        var refused = window.Decide(used: 3, permits: 3, clock.GetUtcNow());
        Assert.True(refused.Refused);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter);
    }

    [Fact]
    public void Retry_after_is_whole_seconds_rounded_up_and_at_least_one()
    {
        var window = FixedWindow.Of(Start, TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromSeconds(31), window.RetryAfterAt(Start.AddMilliseconds(-0.5)));
        Assert.Equal(TimeSpan.FromSeconds(30), window.RetryAfterAt(Start.AddMilliseconds(500)));
        Assert.Equal(TimeSpan.FromSeconds(1), window.RetryAfterAt(window.End.AddMilliseconds(-1)));
        Assert.Equal(TimeSpan.FromSeconds(1), window.RetryAfterAt(window.End));
        Assert.Equal(TimeSpan.FromSeconds(1), RateLimitOutcome.Refuse(TimeSpan.FromMilliseconds(10)).RetryAfter);
    }

    [Fact]
    public void A_window_has_a_length()
        => Assert.Throws<ArgumentOutOfRangeException>(() => FixedWindow.Of(Start, TimeSpan.Zero));
}
