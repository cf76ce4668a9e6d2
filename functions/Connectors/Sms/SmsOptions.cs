using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Steunpunt.Connectors.Sms;

public sealed partial class SmsOptions : IValidatableObject
{
    public const string Section = "Sms";

    /// <summary>
    /// The sender: a number bought on the Communication Services resource (E.164), or an alphanumeric sender ID
    /// where the country allows one (then nobody can reply, so no STOP either).
    /// </summary>
    public string From { get; set; } = "";

    /// <summary>Ask for delivery reports (they arrive through Event Grid at <c>/api/events/communication</c>).</summary>
    public bool DeliveryReports { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(From))
        {
            yield return new ValidationResult("is required: the number (E.164, e.g. '+3197010000001') or alphanumeric sender ID SMS are sent from.", [nameof(From)]);
        }
        else if (!E164().IsMatch(From) && !AlphanumericSender().IsMatch(From))
        {
            yield return new ValidationResult("must be an E.164 number such as '+3197010000001' or an alphanumeric sender ID of 1-11 letters and digits.", [nameof(From)]);
        }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")]
    private static partial Regex AlphanumericSender();
}
