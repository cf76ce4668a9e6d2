using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace Steunpunt.Connectors.Email;

public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    /// <summary>An address on a domain linked to the Communication Services resource (<c>DoNotReply@&lt;guid&gt;.azurecomm.net</c> for an Azure-managed domain).</summary>
    [Required]
    public string SenderAddress { get; set; } = "";

    /// <summary>How long a send waits for the service to reach a final status before it reports "still running".</summary>
    [Range(0, 600)]
    public int MaxStatusWaitSeconds { get; set; } = 120;

    /// <summary>The longest pause between status polls, whatever <c>retry-after</c> the service asks for.</summary>
    [Range(1, 120)]
    public int MaxPollIntervalSeconds { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(SenderAddress) && (!MailAddress.TryCreate(SenderAddress, out var address) || address.Address != SenderAddress))
        {
            yield return new ValidationResult("must be a bare e-mail address such as 'DoNotReply@<domain>'.", [nameof(SenderAddress)]);
        }
    }
}
