using System.ComponentModel.DataAnnotations;

namespace Steunpunt.Reminders;

public sealed class ReminderOptions : IValidatableObject
{
    public const string Section = "Reminders";

    /// <summary>Hours before the appointment a reminder is due; none given means 24 and 2.</summary>
    public List<double> LeadHours { get; set; } = [];

    /// <summary>No SMS from this local hour (inclusive)...</summary>
    [Range(0, 23)]
    public int QuietFromHour { get; set; } = 21;

    /// <summary>...until this local hour; a reminder due in between goes out then, if the appointment is still ahead.</summary>
    [Range(0, 23)]
    public int QuietUntilHour { get; set; } = 8;

    /// <summary>Share of new appointments in the reminder arm (the rest is the control arm, which gets no reminders).</summary>
    [Range(0.0, 1.0)]
    public double ReminderShare { get; set; } = 0.5;

    /// <summary>Seed of the keyed hash that assigns the arm: the same appointment id and seed always give the same arm.</summary>
    [Required, MinLength(8)]
    public string ExperimentSeed { get; set; } = "steunpunt-reminders-experiment-1";

    /// <summary>The number a client calls to cancel or move an appointment; the SMS gives it.</summary>
    [Required, MaxLength(20)]
    public string Phone { get; set; } = "0900-0101";

    /// <summary>The sender name in the text ("your appointment with ...").</summary>
    [Required, MaxLength(30)]
    public string Organisation { get; set; } = "Steunpunt";

    /// <summary>Days after the appointment its phone number is erased; the outcome stays for the statistics.</summary>
    [Range(1, 365)]
    public int PhoneRetentionDays { get; set; } = 14;

    [Range(1, 1096)]
    public int MaxInsightsDays { get; set; } = 731;

    [Range(20, 500)]
    public int MaxPlaceLength { get; set; } = 120;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeadHours.Distinct().Count() > 5 || LeadHours.Any(h => h is < 0.25 or > 168))
        {
            yield return new ValidationResult("give 1 to 5 lead times, each between 0.25 and 168 hours.", [nameof(LeadHours)]);
        }
        if (QuietFromHour == QuietUntilHour) yield return new ValidationResult("quiet hours need a start and an end that differ.", [nameof(QuietUntilHour)]);
    }

    public IReadOnlyList<TimeSpan> Leads => (LeadHours.Count == 0 ? [24, 2] : LeadHours).Select(TimeSpan.FromHours).Distinct().OrderByDescending(l => l).ToList();
}
