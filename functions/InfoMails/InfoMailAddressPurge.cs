using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Storage;

namespace Steunpunt.InfoMails;

/// <summary>Erases recipients' addresses older than the retention period, from where the previous run stopped.</summary>
public sealed class InfoMailAddressPurge(
    InfoMailStore store, Watermarks watermarks, IOptions<InfoMailOptions> options, TimeProvider clock, ILogger<InfoMailAddressPurge> logger)
{
    public const string WatermarkName = "info-mail-addresses";
    /// <summary>How far back a first run looks; no mail is older than the app.</summary>
    private const int FirstRunLookbackDays = 3 * 366;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.RetentionDays);
        var cutoffDay = DateOnly.FromDateTime(cutoff.UtcDateTime);
        var done = await watermarks.GetDayAsync(WatermarkName, cancellationToken);
        var firstDay = done?.AddDays(1) ?? cutoffDay.AddDays(-FirstRunLookbackDays);

        var erased = await store.EraseRecipientsAsync(firstDay, cutoff, now, cancellationToken);
        // The cutoff's own day is only partly due, so the next run reads it again.
        await watermarks.SetDayAsync(WatermarkName, cutoffDay.AddDays(-1), cancellationToken);
        logger.LogInformation("Erased {Count} information-mail addresses older than {Days} days.", erased, options.Value.RetentionDays);
        return erased;
    }
}
