using System.Globalization;
using Azure.Data.Tables;
using Steunpunt.Chat.Schedule;
using Steunpunt.Chat.Sessions;
using static Steunpunt.Common.Insights.Measures;

namespace Steunpunt.Chat.Insights;

public sealed record ChatInsights(
    DateOnly From, DateOnly To, int Chats,
    IReadOnlyList<WeekCount> PerWeek,
    IReadOnlyList<HourCount> ByHour,
    ShiftCounts ByShift,
    IReadOnlyList<TopicCount> ByTopic,
    double SexualOffenceShare,
    double AboutPoliceReportShare,
    DurationSummary Duration,
    WaitSummary Waiting,
    WaitSummary FirstAnswer,
    SatisfactionSummary Satisfaction);

public sealed record WeekCount(string Week, int Chats);
public sealed record HourCount(int Hour, int Chats);
public sealed record ShiftCounts(int Office, int Evening);
public sealed record TopicCount(string Topic, int Chats, double Share);

/// <param name="QuickUnder15Minutes">The whitepaper's "one quick question".</param>
/// <param name="OverAnHour">The whitepaper's "long talks of more than an hour".</param>
public sealed record DurationSummary(int Ended, int QuickUnder15Minutes, int From15To60Minutes, int OverAnHour, double? MedianMinutes);

public sealed record WaitSummary(int Count, double? MedianSeconds, double? P90Seconds);

/// <param name="SatisfiedShare">Share of scores 4 and 5 (the whitepaper's "satisfied").</param>
public sealed record SatisfactionSummary(int Responses, double? Average, double? SatisfiedShare, IReadOnlyList<int> Distribution);

/// <summary>The whitepaper's chat measures from the statistics rows (a partition per UTC day, so only the asked days are read).</summary>
public sealed class ChatInsightsQuery(ChatStore store, ChatSchedule schedule)
{
    public async Task<ChatInsights> RunAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in store.StatsAsync(from, to, cancellationToken)) rows.Add(row);
        return Summarise(from, to, rows, schedule);
    }

    public static ChatInsights Summarise(DateOnly from, DateOnly to, IReadOnlyList<TableEntity> rows, ChatSchedule schedule)
    {
        var started = rows.Select(r => r.GetDateTimeOffset("StartedAt")).OfType<DateTimeOffset>().ToList();
        var perWeek = started
            .GroupBy(s => IsoWeek(TimeZoneInfo.ConvertTime(s, schedule.Zone).DateTime))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new WeekCount(g.Key, g.Count())).ToList();
        var byHour = Enumerable.Range(0, 24).Select(h => new HourCount(h, started.Count(s => schedule.LocalHour(s) == h))).ToList();
        var evening = started.Count(schedule.IsEvening);

        var topics = rows.Select(r => r.GetString("Topic") is { Length: > 0 } t ? t : "none").ToList();
        var byTopic = ChatTopics.All.Append("none")
            .Select(t => new TopicCount(t, topics.Count(x => x == t), Share(topics.Count(x => x == t), rows.Count)))
            .Where(t => t.Chats > 0).ToList();

        var durations = rows.Select(r => r.GetInt32("DurationSeconds")).OfType<int>().Select(s => s / 60.0).ToList();
        var waits = rows.Select(r => r.GetInt32("SecondsWaited")).OfType<int>().Select(s => (double)s).ToList();
        var answers = rows.Select(r => r.GetInt32("SecondsToFirstAnswer")).OfType<int>().Select(s => (double)s).ToList();
        var scores = rows.Select(r => r.GetInt32("Satisfaction")).OfType<int>().Where(s => s is >= 1 and <= 5).ToList();

        return new ChatInsights(from, to, rows.Count, perWeek, byHour, new ShiftCounts(started.Count - evening, evening), byTopic,
            Share(topics.Count(t => t == ChatTopics.SexualOffence), rows.Count),
            Share(rows.Count(r => r.GetBoolean("AboutPoliceReport") == true), rows.Count),
            new DurationSummary(durations.Count, durations.Count(d => d < 15), durations.Count(d => d >= 15 && d <= 60), durations.Count(d => d > 60), Percentile(durations, 0.5, 1)),
            new WaitSummary(waits.Count, Percentile(waits, 0.5, 1), Percentile(waits, 0.9, 1)),
            new WaitSummary(answers.Count, Percentile(answers, 0.5, 1), Percentile(answers, 0.9, 1)),
            new SatisfactionSummary(scores.Count, scores.Count == 0 ? null : Math.Round(scores.Average(), 2),
                scores.Count == 0 ? null : Share(scores.Count(s => s >= 4), scores.Count),
                Enumerable.Range(1, 5).Select(score => scores.Count(s => s == score)).ToList()));
    }

    private static string IsoWeek(DateTime local)
        => $"{ISOWeek.GetYear(local)}-W{ISOWeek.GetWeekOfYear(local):D2}";
}
