using System.ComponentModel.DataAnnotations;

namespace Steunpunt.InfoMails;

public sealed class InfoMailOptions : IValidatableObject
{
    public const string Section = "InfoMails";

    /// <summary>
    /// The website's page where a recipient rates the mail; every mail links to it with <c>?ref=&lt;info-mail id&gt;</c>, and
    /// the page posts the rating to <c>POST /api/info-mails/{id}/satisfaction</c>. Absolute https, without query or fragment.
    /// </summary>
    public string SatisfactionUrl { get; set; } = "https://www.steunpunt.example/tevredenheid/informatiemail";

    /// <summary>Days the recipient's address is kept after the mail was requested; the nightly purge erases it then.</summary>
    [Range(1, 365, ErrorMessage = "must be between 1 and 365 days.")]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Ratings one client address may send an hour (the satisfaction page is anonymous).</summary>
    [Range(1, 1000)]
    public int RatingsPerHourPerAddress { get; set; } = 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(SatisfactionUrl, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
            || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0 || SatisfactionUrl.Contains('?') || SatisfactionUrl.Contains('#'))
        {
            yield return new ValidationResult(
                "must be an absolute https address of the website's satisfaction page, without query or fragment (http only for localhost).",
                [nameof(SatisfactionUrl)]);
        }
    }

    /// <summary>A queued mail lives at most this long: never longer than its address may be kept.</summary>
    public TimeSpan QueueMessageTimeToLive => TimeSpan.FromDays(Math.Min(7, RetentionDays));
}
