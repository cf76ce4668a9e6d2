using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Steunpunt.Chat;
using Steunpunt.Chat.Insights;
using Steunpunt.Chat.Schedule;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common;

namespace Steunpunt.UnitTests.Chat;

public class ChatInsightsTests
{
    private static readonly ChatSchedule Schedule = new(Options.Create(new ChatOptions()), new OrganisationClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")));

    private static TableEntity Row(DateTimeOffset started, string topic, bool police = false, int? duration = null, int? waited = null, int? firstAnswer = null, int? satisfaction = null)
    {
        var row = new TableEntity(ChatStore.DayKey(started), Guid.NewGuid().ToString("N")) { ["StartedAt"] = started, ["Topic"] = topic, ["AboutPoliceReport"] = police };
        if (duration is not null) row["DurationSeconds"] = duration;
        if (waited is not null) row["SecondsWaited"] = waited;
        if (firstAnswer is not null) row["SecondsToFirstAnswer"] = firstAnswer;
        if (satisfaction is not null) row["Satisfaction"] = satisfaction;
        return row;
    }

    [Fact]
    public void The_summary_has_the_whitepapers_measures()
    {
        var monday = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero); // 10:00 in Amsterdam
        var rows = new[]
        {
            Row(monday, "sexual-offence", police: true, duration: 300, waited: 30, firstAnswer: 40, satisfaction: 5),
            Row(monday.AddHours(9), "burglary", duration: 4000, waited: 120, firstAnswer: 150, satisfaction: 3),
            Row(monday.AddDays(7), "other", duration: 1200, waited: 60, firstAnswer: 90),
            Row(monday.AddDays(7), "", police: true),
        };

        var insights = ChatInsightsQuery.Summarise(new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 7), rows, Schedule);

        Assert.Equal(4, insights.Chats);
        Assert.Equal([new WeekCount("2026-W49", 2), new WeekCount("2026-W50", 2)], insights.PerWeek);
        Assert.Equal(new ShiftCounts(3, 1), insights.ByShift);
        Assert.Equal(3, insights.ByHour[10].Chats);
        Assert.Equal(1, insights.ByHour[19].Chats);
        Assert.Equal(0.25, insights.SexualOffenceShare);
        Assert.Equal(0.5, insights.AboutPoliceReportShare);
        Assert.Contains(new TopicCount("none", 1, 0.25), insights.ByTopic);
        Assert.Equal(new DurationSummary(3, 1, 1, 1, 20.0), insights.Duration);
        Assert.Equal(new WaitSummary(3, 60, 120), insights.Waiting);
        Assert.Equal(2, insights.Satisfaction.Responses);
        Assert.Equal(4.0, insights.Satisfaction.Average);
        Assert.Equal(0.5, insights.Satisfaction.SatisfiedShare);
        Assert.Equal([0, 0, 1, 0, 1], insights.Satisfaction.Distribution);
    }

    [Fact]
    public void No_chats_gives_zeros_and_no_averages()
    {
        var insights = ChatInsightsQuery.Summarise(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31), [], Schedule);
        Assert.Equal(0, insights.Chats);
        Assert.Null(insights.Satisfaction.Average);
        Assert.Null(insights.FirstAnswer.MedianSeconds);
        Assert.Equal(0, insights.SexualOffenceShare);
    }
}
