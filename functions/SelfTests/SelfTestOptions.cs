using System.ComponentModel.DataAnnotations;
using Steunpunt.Common.Settings;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.SelfTests;

public sealed class SelfTestOptions : IValidatableObject
{
    public const string Section = "SelfTests";

    /// <summary>
    /// Cut-off per test, overriding the file's default (the trauma screen ships with 6; a Dutch validation
    /// among victim-support clients found 7 best); keyed as settings write test ids (<c>trauma_screen</c>, see
    /// <see cref="SettingIds"/>).
    /// </summary>
    public Dictionary<string, int> Cutoffs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Days a contact detail (phone number or e-mail address) left with a test is kept before it is erased.</summary>
    [Range(1, 365, ErrorMessage = "must be between 1 and 365 days.")]
    public int ContactRetentionDays { get; set; } = 30;

    /// <summary>Responses one client address may submit an hour (counted in storage, across instances).</summary>
    [Range(1, 1_000_000)]
    public int ResponsesPerHourPerAddress { get; set; } = 30;

    /// <summary>Responses with a contact request one client address may submit a day.</summary>
    [Range(1, 1000)]
    public int ContactRequestsPerDayPerAddress { get; set; } = 3;

    /// <summary>Contact requests a day for one phone number or e-mail address (counted under a keyed hash of it).</summary>
    [Range(1, 100)]
    public int ContactRequestsPerDayPerDetail { get; set; } = 1;

    /// <summary>Funnel events (viewed, started) one client address may report an hour.</summary>
    [Range(1, 100_000)]
    public int EventsPerHourPerAddress { get; set; } = 300;

    /// <summary>An extra folder with questionnaire files, e.g. a licensed instrument's wording, loaded next to the shipped ones.</summary>
    public string? ExtraQuestionnaireDirectory { get; set; }

    /// <summary>Widest date range the insights endpoint answers for.</summary>
    [Range(1, 1096, ErrorMessage = "must be between 1 and 1096 days.")]
    public int MaxInsightsDays { get; set; } = 366;

    /// <summary>Loads the questionnaires once at start, so a cut-off for no test (or a broken file) stops the app there.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        try
        {
            _ = QuestionnaireCatalog.Load(this);
        }
        catch (Exception invalid) when (invalid is InvalidOperationException or InvalidDataException)
        {
            return [new ValidationResult(invalid.Message, [nameof(Cutoffs)])];
        }
        return [];
    }
}
