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
    /// its last close (or its arrival), or after the sender's last message through the continue page if that is later, so a
    /// message that reopened a case is not erased before staff saw it; a message extends it to no later than the longer of
    /// the two periods after arrival, which keeps the cases it keeps within the months the purge reads.
    /// </summary>
    public static DateTimeOffset DueAt(bool consent, DateTimeOffset received, DateTimeOffset? closed, DateTimeOffset? lastSenderMessage, MailIntakeOptions settings)
    {
        if (consent) return received.AddDays(settings.RetentionDays);
        var due = (closed ?? received).AddDays(settings.RetentionDaysWithoutConsent);
        if (lastSenderMessage is not { } message) return due;
        var latest = received.AddDays(LongestDays(settings));
        var kept = message.AddDays(settings.RetentionDaysWithoutConsent);
        if (kept > latest) kept = latest;
        return kept > due ? kept : due;
    }

    private static int LongestDays(MailIntakeOptions settings) => Math.Max(settings.RetentionDays, settings.RetentionDaysWithoutConsent);
}
