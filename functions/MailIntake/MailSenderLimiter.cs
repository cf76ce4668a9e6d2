using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;

namespace Steunpunt.MailIntake;

/// <summary>
/// One limit per client address for everything a sender writes: forms and messages through the continue page share
/// <c>MailIntake:SubmissionsPerHourPerAddress</c>, so the continue page is no way around the form's limit.
/// </summary>
public sealed class MailSenderLimiter(IOptions<MailIntakeOptions> options, ClientAddressRule addresses) : IDisposable
{
    private readonly ClientAddressLimiter limiter = new(addresses, options.Value.SubmissionsPerHourPerAddress, TimeSpan.FromHours(1));

    public const string Detail = "Er zijn vanaf dit adres al veel berichten gestuurd. Probeer het later opnieuw, of bel ons.";

    /// <returns>Null when allowed; otherwise how long to wait.</returns>
    public TimeSpan? TryAcquire(HttpRequest request) => limiter.TryAcquire(request);

    public void Dispose() => limiter.Dispose();
}
