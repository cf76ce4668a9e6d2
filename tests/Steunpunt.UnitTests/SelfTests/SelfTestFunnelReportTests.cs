using Azure.Data.Tables;
using Steunpunt.SelfTests.Insights;

namespace Steunpunt.UnitTests.SelfTests;

public class SelfTestFunnelReportTests
{
    private static TableEntity Event(string kind, string source, string test = "advice-test", bool contact = false, string? gender = null, bool? positive = null)
        => new("20261128", Guid.NewGuid().ToString())
        {
            ["TestId"] = test, ["Kind"] = kind, ["Source"] = source, ["ContactRequested"] = contact, ["Gender"] = gender,
            ["Positive"] = positive, ["AdviceIds"] = kind == "completed" ? "talk-to-us" : null,
        };

    [Fact]
    public void Rates_follow_the_whitepaper_funnel_per_source()
    {
        var report = new SelfTestFunnelReport();
        // Facebook: 3 viewed, 2 started, 1 completed. Website: 10 viewed, 8 started, 7 completed.
        foreach (var (kind, n) in new[] { ("viewed", 3), ("started", 2), ("completed", 1) })
            for (var i = 0; i < n; i++) report.Add(Event(kind, "facebook"));
        foreach (var (kind, n) in new[] { ("viewed", 10), ("started", 8), ("completed", 7) })
            for (var i = 0; i < n; i++) report.Add(Event(kind, "website", contact: i == 0, gender: i < 4 ? "male" : null));

        var test = Assert.Single(report.Build(new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 28)).Tests);
        var facebook = test.BySource.Single(s => s.Source == "facebook").Counts;
        Assert.Equal(0.6667, facebook.StartRate);
        Assert.Equal(0.5, facebook.CompletionRate);
        Assert.Equal(0.3333, facebook.CompletedOfViewed);
        var website = test.BySource.Single(s => s.Source == "website").Counts;
        Assert.Equal(0.8, website.StartRate);
        Assert.Equal(0.7, website.CompletedOfViewed);
        Assert.Equal(new FunnelCounts(13, 10, 8, 1), test.Total);
        Assert.Equal(4, test.CompletedBy.Gender["male"]);
        Assert.Equal(4, test.CompletedBy.Gender["unknown"]);
        Assert.Equal(8, test.Advice["talk-to-us"]);
    }

    [Fact]
    public void No_viewers_gives_no_rate_rather_than_a_division_by_zero()
        => Assert.Null(new FunnelCounts(0, 0, 0, 0).StartRate);

    [Fact]
    public void Screen_outcomes_are_counted_per_test()
    {
        var report = new SelfTestFunnelReport();
        report.Add(Event("completed", "email", "trauma-screen", positive: true));
        report.Add(Event("completed", "email", "trauma-screen", positive: false));
        report.Add(Event("completed", "email", "trauma-screen", positive: true));
        var test = Assert.Single(report.Build(default, default).Tests);
        Assert.Equal(2, test.Screen["positive"]);
        Assert.Equal(1, test.Screen["negative"]);
    }
}
