using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Storage;

namespace Steunpunt.SelfTests.Contact;

/// <summary>Erases contact details older than the retention period, from where the previous run stopped.</summary>
public sealed class ContactDetailPurge(
    ContactRequestStore store, Watermarks watermarks, IOptions<SelfTestOptions> options, TimeProvider clock, ILogger<ContactDetailPurge> logger)
{
    public const string WatermarkName = "selftest-contact-details";
    /// <summary>How far back a first run looks; contact requests are never older than the app.</summary>
    private const int FirstRunLookbackDays = 3 * 366;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.ContactRetentionDays);
        var cutoffDay = DateOnly.FromDateTime(cutoff.UtcDateTime);
        var done = await watermarks.GetDayAsync(WatermarkName, cancellationToken);
        var firstDay = done?.AddDays(1) ?? cutoffDay.AddDays(-FirstRunLookbackDays);

        var erased = await store.EraseContactDetailsAsync(firstDay, cutoff, now, cancellationToken);
        // The cutoff's own day is only partly due, so the next run reads it again.
        await watermarks.SetDayAsync(WatermarkName, cutoffDay.AddDays(-1), cancellationToken);
        logger.LogInformation("Erased {Count} self-test contact details older than {Days} days.", erased, options.Value.ContactRetentionDays);
        return erased;
    }
}
