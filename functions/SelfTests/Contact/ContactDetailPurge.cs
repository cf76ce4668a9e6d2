using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Storage;

namespace Steunpunt.SelfTests.Contact;

/// <summary>Erases contact details older than the retention period, from where the previous run stopped.</summary>
public sealed class ContactDetailPurge(
    ContactRequestStore store, Watermarks watermarks, IOptions<SelfTestOptions> options, TimeProvider clock, ILogger<ContactDetailPurge> logger)
{
    public const string WatermarkName = "selftest-contact-details";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = await watermarks.RetentionWindowAsync(WatermarkName, now, options.Value.ContactRetentionDays, cancellationToken);

        var erased = await store.EraseContactDetailsAsync(window.FirstDay, window.Cutoff, now, cancellationToken);
        await watermarks.SetDayAsync(WatermarkName, window.DoneThrough, cancellationToken);
        logger.LogInformation("Erased {Count} self-test contact details older than {Days} days.", erased, options.Value.ContactRetentionDays);
        return erased;
    }
}
