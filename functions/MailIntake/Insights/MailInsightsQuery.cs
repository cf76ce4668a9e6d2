using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Steunpunt.Common;
using Steunpunt.Common.Storage;
using Steunpunt.MailIntake.Cases;
using static Steunpunt.Common.Insights.Measures;

namespace Steunpunt.MailIntake.Insights;

public sealed record MailInsights(
    string FromMonth, string ToMonth, int Mails,
    IReadOnlyList<MonthCount> PerMonth,
    ContactCounts Contact,
    IReadOnlyList<CrimeTypeShare> CrimeTypes,
    AnswerTimes FirstAnswer,
    MailSatisfactionSummary Satisfaction);

public sealed record MonthCount(string Month, int Mails, int New, int Repeat);

/// <param name="NewShare">The whitepaper's "a third had no earlier contact": share of senders who did not write before.</param>
public sealed record ContactCounts(int New, int Repeat, double NewShare);

/// <param name="Baseline">The organisation's share for this crime type over all clients (setting), when configured.</param>
public sealed record CrimeTypeShare(string CrimeType, int Mails, double Share, double? Baseline);

public sealed record AnswerTimes(int Answered, double? MedianHours, double? P90Hours);

public sealed record MailSatisfactionSummary(int Responses, double? Average, double? SatisfiedShare);

/// <summary>The whitepaper's mail measures from the statistics rows (a partition per month; only the asked months are read).</summary>
public sealed class MailInsightsQuery(MailCaseStore store, IOptions<MailIntakeOptions> options)
{
    public async Task<MailInsights> RunAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var fromMonth = PartitionKeys.Month(from);
        var toMonth = PartitionKeys.Month(to);
        await foreach (var row in store.StatsAsync(fromMonth, toMonth, cancellationToken))
        {
            var received = row.GetDateTimeOffset("ReceivedAt");
            if (received is null) continue;
            var day = DateOnly.FromDateTime(received.Value.UtcDateTime);
            if (day >= from && day <= to) rows.Add(row);
        }
        return Summarise(fromMonth, toMonth, rows, options.Value.BaselineByCrimeType);
    }

    public static MailInsights Summarise(string fromMonth, string toMonth, IReadOnlyList<TableEntity> rows, IReadOnlyDictionary<string, double> baseline)
    {
        var repeat = rows.Count(r => r.GetBoolean("RepeatContact") == true);
        var perMonth = rows.GroupBy(r => r.PartitionKey).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MonthCount($"{g.Key[..4]}-{g.Key[4..]}", g.Count(), g.Count(r => r.GetBoolean("RepeatContact") != true), g.Count(r => r.GetBoolean("RepeatContact") == true)))
            .ToList();
        var types = rows.Select(r => r.GetString("CrimeType") is { Length: > 0 } t ? t : "unknown").ToList();
        var crimeTypes = Common.CrimeTypes.All.Append("unknown")
            .Select(t => new CrimeTypeShare(t, types.Count(x => x == t), Share(types.Count(x => x == t), rows.Count), baseline.TryGetValue(t, out var b) ? b : null))
            .Where(t => t.Mails > 0 || t.Baseline is not null).ToList();
        var hours = rows.Select(r => r.GetInt64("SecondsToFirstAnswer")).OfType<long>().Select(s => s / 3600.0).ToList();
        var scores = rows.Select(r => r.GetInt32("Satisfaction")).OfType<int>().Where(s => s is >= 1 and <= 5).ToList();
        return new MailInsights(fromMonth, toMonth, rows.Count, perMonth,
            new ContactCounts(rows.Count - repeat, repeat, Share(rows.Count - repeat, rows.Count)),
            crimeTypes,
            new AnswerTimes(hours.Count, Percentile(hours, 0.5, 2), Percentile(hours, 0.9, 2)),
            new MailSatisfactionSummary(scores.Count, scores.Count == 0 ? null : Math.Round(scores.Average(), 2), scores.Count == 0 ? null : Share(scores.Count(s => s >= 4), scores.Count)));
    }
}
