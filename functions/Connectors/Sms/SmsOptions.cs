using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Steunpunt.Connectors.Sms;

public sealed partial class SmsOptions : IValidatableObject
{
    public const string Section = "Sms";

    /// <summary>
    /// The sender: a number bought on the Communication Services resource (E.164), or an alphanumeric sender ID
    /// where the country allows one (then nobody can reply, so no STOP either). Empty until a number is bought:
    /// then every SMS send fails with a clear error, and the rest of the app runs.
    /// </summary>
    public string From { get; set; } = "";

    /// <summary>Ask for delivery reports (they arrive through Event Grid at <c>/api/events/communication</c>).</summary>
    public bool DeliveryReports { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrEmpty(From);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(From) && !E164().IsMatch(From) && !AlphanumericSender().IsMatch(From))
        {
            yield return new ValidationResult("must be an E.164 number such as '+3197010000001' or an alphanumeric sender ID of 1-11 letters and digits.", [nameof(From)]);
        }
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")]
    private static partial Regex AlphanumericSender();
}
