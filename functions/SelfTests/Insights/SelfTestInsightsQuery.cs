using Azure.Data.Tables;
using Steunpunt.SelfTests.Funnel;

namespace Steunpunt.SelfTests.Insights;

/// <summary>Reads the days in the range (a partition each, a few at a time) and adds them up.</summary>
public sealed class SelfTestInsightsQuery(SelfTestEventStore store)
{
    private const int ParallelDays = 8;

    public async Task<SelfTestInsightsReport> RunAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        var perDay = new List<TableEntity>[days.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, days.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDays, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var rows = new List<TableEntity>();
                await foreach (var row in store.ReadDayAsync(days[index], token)) rows.Add(row);
                perDay[index] = rows;
            });
        var report = new SelfTestFunnelReport();
        foreach (var rows in perDay)
        {
            foreach (var row in rows) report.Add(row);
        }
        return report.Build(from, to);
    }
}
