using Steunpunt.Common.Storage;

namespace Steunpunt.UnitTests.Common.Storage;

public class RetentionWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 1, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_cutoff_is_now_less_the_retention_period_and_its_UTC_day_is_read_again_next_time()
    {
        var window = RetentionWindow.From(new DateOnly(2026, 10, 20), Now, retentionDays: 30);

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 1, 30, 0, TimeSpan.Zero), window.Cutoff);
        Assert.Equal(new DateOnly(2026, 11, 2), window.CutoffDay);
        Assert.Equal(new DateOnly(2026, 11, 1), window.DoneThrough);
    }

    [Fact]
    public void A_run_starts_the_day_after_the_previous_runs_watermark()
        => Assert.Equal(new DateOnly(2026, 10, 21), RetentionWindow.From(new DateOnly(2026, 10, 20), Now, 30).FirstDay);

    [Fact]
    public void A_first_run_looks_back_three_years_before_the_cutoff()
        => Assert.Equal(new DateOnly(2026, 11, 2).AddDays(-3 * 366), RetentionWindow.From(null, Now, 30).FirstDay);

    [Fact]
    public void The_cutoff_day_is_the_UTC_day_not_a_local_one()
    {
        // 23:30 UTC on 1 November is already 2 November in Amsterdam; the tables are partitioned by the UTC day.
        var window = RetentionWindow.From(null, new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero), 30);
        Assert.Equal(new DateOnly(2026, 11, 1), window.CutoffDay);
    }

    [Fact]
    public void The_next_run_after_a_complete_one_reads_the_cutoff_day_again()
    {
        var first = RetentionWindow.From(null, Now, 30);
        var next = RetentionWindow.From(first.DoneThrough, Now.AddDays(1), 30);
        Assert.Equal(first.CutoffDay, next.FirstDay);
    }
}
