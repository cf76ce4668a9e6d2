using System.Globalization;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;

namespace Steunpunt.SelfTests.Funnel;

/// <summary>A funnel event. A completed event also carries the answers and outcome, without anything personal.</summary>
public sealed record FunnelEvent(
    string TestId,
    int TestVersion,
    string Kind,
    string Source,
    DateTimeOffset At,
    Guid EventId,
    string? SessionId = null,
    CompletedDetails? Completed = null);

public sealed record CompletedDetails(
    string Language,
    string AnswersJson,
    int? Score,
    bool? Positive,
    IReadOnlyList<string> AdviceIds,
    bool ContactRequested,
    string? Gender,
    string? AgeBand,
    bool? IsVictim);

/// <summary>
/// Funnel events in one table, a partition per UTC day: a day's traffic (hundreds of events) never runs hot,
/// and an insights query reads exactly the days it asks for.
/// </summary>
public sealed class SelfTestEventStore(StorageAccount storage)
{
    private readonly TableClient table = storage.Tables.GetTableClient(StorageNames.Tables.SelfTestEvents);

    public static string DayKey(DateOnly day) => PartitionKeys.Day(day);

    public Task RecordAsync(FunnelEvent funnelEvent, CancellationToken cancellationToken)
        => table.AddEntityAsync(ToEntity(funnelEvent), cancellationToken);

    internal static TableEntity ToEntity(FunnelEvent e)
    {
        var entity = new TableEntity(DayKey(DateOnly.FromDateTime(e.At.UtcDateTime)), $"{e.TestId}|{e.Kind}|{e.EventId:N}")
        {
            ["TestId"] = e.TestId,
            ["TestVersion"] = e.TestVersion,
            ["Kind"] = e.Kind,
            ["Source"] = e.Source,
            ["At"] = e.At,
            ["SessionId"] = e.SessionId,
        };
        if (e.Completed is { } c)
        {
            entity["Language"] = c.Language;
            entity["Answers"] = c.AnswersJson;
            entity["Score"] = c.Score;
            entity["Positive"] = c.Positive;
            entity["AdviceIds"] = string.Join(',', c.AdviceIds);
            entity["ContactRequested"] = c.ContactRequested;
            entity["Gender"] = c.Gender;
            entity["AgeBand"] = c.AgeBand;
            entity["IsVictim"] = c.IsVictim;
        }
        return entity;
    }

    /// <summary>The columns insights need, one partition (day) at a time.</summary>
    public async IAsyncEnumerable<TableEntity> ReadDayAsync(DateOnly day, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DayKey(day)}");
        string[] columns = ["TestId", "Kind", "Source", "Positive", "AdviceIds", "ContactRequested", "Gender", "AgeBand", "IsVictim"];
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: columns, cancellationToken: cancellationToken))
        {
            yield return entity;
        }
    }
}
