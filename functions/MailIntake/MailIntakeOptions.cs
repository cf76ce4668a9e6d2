using System.ComponentModel.DataAnnotations;
using Steunpunt.Common.Settings;

namespace Steunpunt.MailIntake;

public sealed class MailIntakeOptions : IValidatableObject
{
    public const string Section = "MailIntake";

    /// <summary>Days a case (address, name, question, thread) is kept after it came in, when the sender agreed to that.</summary>
    [Range(7, 3650)]
    public int RetentionDays { get; set; } = 180;

    /// <summary>Without consent to store, the case is erased this many days after it was closed (or came in, if never closed).</summary>
    [Range(1, 90)]
    public int RetentionDaysWithoutConsent { get; set; } = 14;

    /// <summary>Days the keyed hash of a sender's address is remembered for "wrote before?" (from their last mail).</summary>
    [Range(30, 3650)]
    public int SenderMemoryDays { get; set; } = 730;

    /// <summary>Working days within which the receipt says an answer comes.</summary>
    [Range(1, 30)]
    public int AnswerWithinWorkingDays { get; set; } = 3;

    [Range(100, 20_000)]
    public int MaxQuestionLength { get; set; } = 5000;

    /// <summary>Forms and continue-page messages one client address may send an hour (counted in storage, across instances).</summary>
    [Range(1, 1000)]
    public int SubmissionsPerHourPerAddress { get; set; } = 5;

    /// <summary>Ratings of an answer one client address may send an hour.</summary>
    [Range(1, 1000)]
    public int RatingsPerHourPerAddress { get; set; } = 20;

    /// <summary>Receipts one address may get a day; a form over it is still taken in, without a receipt.</summary>
    [Range(1, 100)]
    public int ReceiptsPerDayPerRecipient { get; set; } = 3;

    /// <summary>Page on the website where a sender rates an answer; <c>?ref=&lt;case id&gt;</c> is added.</summary>
    [Required]
    public string SatisfactionUrl { get; set; } = "https://www.steunpunt.example/beoordeel-antwoord";

    /// <summary>
    /// The website's continue page, where a sender reads the thread and writes again (locally the local host's dev page). The
    /// mails add <c>#&lt;token&gt;</c>: the token travels in the fragment, which no server sees, so this URL has no query or fragment.
    /// </summary>
    [Required]
    public string ContinueUrl { get; set; } = "https://www.steunpunt.example/mail/vervolg";

    /// <summary>The phone number and hours the receipt gives for urgent help.</summary>
    public string Phone { get; set; } = "0900-0101";

    /// <summary>
    /// The organisation's crime-type mix over all clients (shares), to compare the mail's mix with; keyed as settings
    /// write crime types (<c>sexual_offence</c>, see <see cref="SettingIds"/>).
    /// </summary>
    public Dictionary<string, double> Baseline { get; set; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> BaselineByCrimeType => SettingIds.ById(Baseline);

    [Range(1, 1096)]
    public int MaxInsightsDays { get; set; } = 731;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(SatisfactionUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult("must be an absolute http(s) URL.", [nameof(SatisfactionUrl)]);
        }
        if (!Uri.TryCreate(ContinueUrl, UriKind.Absolute, out var page) || page.Scheme is not ("https" or "http") || ContinueUrl.Contains('?') || ContinueUrl.Contains('#'))
        {
            yield return new ValidationResult("must be an absolute http(s) URL without query or fragment (the mails add the fragment).", [nameof(ContinueUrl)]);
        }
        foreach (var problem in SettingIds.Problems(Baseline, $"{Section}__{nameof(Baseline)}", Common.CrimeTypes.All, ("delictsoort", "crime type")))
        {
            yield return new ValidationResult(problem, [nameof(Baseline)]);
        }
        foreach (var (type, share) in BaselineByCrimeType)
        {
            if (share is < 0 or > 1) yield return new ValidationResult($"the share for '{type}' must be between 0 and 1.", [nameof(Baseline)]);
        }
    }
}
