using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Storage;

namespace Steunpunt.InfoMails;

/// <summary>Erases recipients' addresses older than the retention period, from where the previous run stopped.</summary>
public sealed class InfoMailAddressPurge(
    InfoMailStore store, Watermarks watermarks, IOptions<InfoMailOptions> options, TimeProvider clock, ILogger<InfoMailAddressPurge> logger)
{
    public const string WatermarkName = "info-mail-addresses";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = await watermarks.RetentionWindowAsync(WatermarkName, now, options.Value.RetentionDays, cancellationToken);

        var erased = await store.EraseRecipientsAsync(window.FirstDay, window.Cutoff, now, cancellationToken);
        await watermarks.SetDayAsync(WatermarkName, window.DoneThrough, cancellationToken);
        logger.LogInformation("Erased {Count} information-mail addresses older than {Days} days.", erased, options.Value.RetentionDays);
        return erased;
    }
}
