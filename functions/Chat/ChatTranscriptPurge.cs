using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Storage;

namespace Steunpunt.Chat;

/// <summary>
/// Erases transcripts (messages, satisfaction comment) of chats closed more than the retention period ago, reading
/// the statistics partitions from where the previous run stopped. The statistics rows, which hold no text, stay.
/// </summary>
public sealed class ChatTranscriptPurge(ChatStore store, Watermarks watermarks, IOptions<ChatOptions> options, TimeProvider clock, ILogger<ChatTranscriptPurge> logger)
{
    public const string WatermarkName = "chat-transcripts";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = await watermarks.RetentionWindowAsync(WatermarkName, now, options.Value.TranscriptRetentionDays, cancellationToken);

        var erased = 0;
        var pendingBefore = window.CutoffDay;
        await foreach (var row in store.StatsAsync(window.FirstDay, window.CutoffDay, cancellationToken))
        {
            if (row.GetBoolean("TranscriptErased") == true) continue;
            var closedAt = row.GetDateTimeOffset("ClosedAt");
            if (closedAt is null || closedAt > window.Cutoff)
            {
                // Still open, or closed too recently: its day must be read again next time.
                var day = PartitionKeys.ParseDay(row.PartitionKey);
                if (day < pendingBefore) pendingBefore = day;
                continue;
            }
            await store.EraseAsync(row.RowKey, cancellationToken);
            await store.RecordStatsAsync(new ChatSession { PartitionKey = row.RowKey, StartedAt = row.GetDateTimeOffset("StartedAt") ?? default },
                new Dictionary<string, object?> { ["TranscriptErased"] = true, ["TranscriptErasedAt"] = now }, cancellationToken);
            erased++;
        }
        await watermarks.SetDayAsync(WatermarkName, pendingBefore.AddDays(-1), cancellationToken);
        logger.LogInformation("Erased {Count} chat transcripts older than {Days} days.", erased, options.Value.TranscriptRetentionDays);
        return erased;
    }
}
