using System.ComponentModel.DataAnnotations;

namespace Steunpunt.Common;

/// <summary><c>Organisation:*</c>: facts about the organisation every slice shares.</summary>
public sealed class OrganisationOptions : IValidatableObject
{
    public const string Section = "Organisation";

    /// <summary>
    /// The organisation's time zone (an IANA id): "today", the chat's opening hours and holidays, appointment times and
    /// quiet hours, the hours of day in the insights and the times in staff mails are all local to it.
    /// </summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"'{TimeZone}' is not a known time zone (use an IANA id such as 'Europe/Amsterdam').", [nameof(TimeZone)]);
        }
    }
}
