using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Steunpunt.MailIntake.Cases;

/// <summary>
/// Erases cases when their time is up: with consent to store, <c>RetentionDays</c> after they came in; without,
/// <c>RetentionDaysWithoutConsent</c> after they were closed (or came in, if never closed) or the sender last wrote (see <see cref="DueAt"/>). Reads the statistics rows of
/// the months that can hold due cases; the statistics (no text, no address) stay. Also forgets silent senders.
/// </summary>
public sealed class MailCaseRetention(MailCaseStore store, MailSenders senders, IOptions<MailIntakeOptions> options, TimeProvider clock, ILogger<MailCaseRetention> logger)
{
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        // The oldest month that can still hold a case (nothing outlives the longer retention period, see DueAt), up to this month.
        var from = MailCaseStore.MonthKey(now.AddDays(-LongestDays(settings) - 62));
        var erased = 0;
        await foreach (var row in store.StatsAsync(from, MailCaseStore.MonthKey(now), cancellationToken))
        {
            if (row.GetBoolean("CaseErased") == true) continue;
            var received = row.GetDateTimeOffset("ReceivedAt") ?? now;
            var due = DueAt(row.GetBoolean("ConsentToStore") == true, received, row.GetDateTimeOffset("ClosedAt"), row.GetDateTimeOffset("LastSenderMessageAt"), settings);
            if (due > now) continue;
            await store.EraseAsync(row.RowKey, cancellationToken);
            await store.RecordStatsAsync(new MailCase { PartitionKey = row.RowKey, ReceivedAt = received }, new Dictionary<string, object?> { ["CaseErased"] = true, ["CaseErasedAt"] = now }, cancellationToken);
            erased++;
        }
        var forgotten = await senders.ForgetAsync(now.AddDays(-settings.SenderMemoryDays), cancellationToken);
        logger.LogInformation("Mail retention: {Erased} case(s) erased, {Forgotten} sender hash(es) forgotten.", erased, forgotten);
        return erased;
    }

    /// <summary>
    /// When a case is due. With consent: <c>RetentionDays</c> after it came in. Without: <c>RetentionDaysWithoutConsent</c> after
    /// the later of its last close (or its arrival) and the sender's last message through the continue page, so a message
    /// that reopened a case is not erased before staff saw it; yet never later than the longer of the two periods after its
    /// arrival, which keeps every due case within the months the purge reads.
    /// </summary>
    public static DateTimeOffset DueAt(bool consent, DateTimeOffset received, DateTimeOffset? closed, DateTimeOffset? lastSenderMessage, MailIntakeOptions settings)
    {
        if (consent) return received.AddDays(settings.RetentionDays);
        var latest = received.AddDays(LongestDays(settings));
        var from = closed ?? received;
        if (lastSenderMessage > from) from = lastSenderMessage.Value;
        var due = from.AddDays(settings.RetentionDaysWithoutConsent);
        return due < latest ? due : latest;
    }

    private static int LongestDays(MailIntakeOptions settings) => Math.Max(settings.RetentionDays, settings.RetentionDaysWithoutConsent);
}
