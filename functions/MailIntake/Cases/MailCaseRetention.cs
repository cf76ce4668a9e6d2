using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Steunpunt.MailIntake.Cases;

/// <summary>
/// Erases cases when their time is up: with consent to store, <c>RetentionDays</c> after they came in; without,
/// <c>RetentionDaysWithoutConsent</c> after they were closed (or came in, if never closed). Reads the statistics rows of
/// the months that can hold due cases; the statistics (no text, no address) stay. Also forgets silent senders.
/// </summary>
public sealed class MailCaseRetention(MailCaseStore store, MailSenders senders, IOptions<MailIntakeOptions> options, TimeProvider clock, ILogger<MailCaseRetention> logger)
{
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        // The oldest month that can still hold a case (nothing outlives RetentionDays), up to this month.
        var from = MailCaseStore.MonthKey(now.AddDays(-settings.RetentionDays - 62));
        var erased = 0;
        await foreach (var row in store.StatsAsync(from, MailCaseStore.MonthKey(now), cancellationToken))
        {
            if (row.GetBoolean("CaseErased") == true) continue;
            var received = row.GetDateTimeOffset("ReceivedAt") ?? now;
            var closed = row.GetDateTimeOffset("ClosedAt");
            var due = row.GetBoolean("ConsentToStore") == true
                ? received.AddDays(settings.RetentionDays)
                : (closed ?? received).AddDays(settings.RetentionDaysWithoutConsent);
            if (due > now) continue;
            await store.EraseAsync(row.RowKey, cancellationToken);
            await store.RecordStatsAsync(new MailCase { PartitionKey = row.RowKey, ReceivedAt = received }, new Dictionary<string, object?> { ["CaseErased"] = true, ["CaseErasedAt"] = now }, cancellationToken);
            erased++;
        }
        var forgotten = await senders.ForgetAsync(now.AddDays(-settings.SenderMemoryDays), cancellationToken);
        logger.LogInformation("Mail retention: {Erased} case(s) erased, {Forgotten} sender hash(es) forgotten.", erased, forgotten);
        return erased;
    }
}
