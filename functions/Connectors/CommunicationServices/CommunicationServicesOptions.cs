using System.ComponentModel.DataAnnotations;

namespace Steunpunt.Connectors.CommunicationServices;

/// <summary>
/// Where Communication Services is and how we prove who we are: a connection string with an access key
/// (locally: the emulator), or, in Azure, the endpoint plus a managed identity
/// (<c>CommunicationServices__credential=managedidentity</c>, <c>CommunicationServices__clientId</c>).
/// </summary>
public sealed class CommunicationServicesOptions : IValidatableObject
{
    public const string Section = "CommunicationServices";

    public string? ConnectionString { get; set; }

    /// <summary>For identity-based access: <c>https://&lt;resource&gt;.communication.azure.com</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Attempts after the first for 408, 429, 500, 502, 503 and 504 answers.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>
    /// A 429 or 503 that asks us to wait longer than this is not waited out in the function: it surfaces as a
    /// <see cref="CommunicationServiceException"/> so the queue message is retried later instead (an e-mail
    /// resource can ask for an hour).
    /// </summary>
    [Range(0, 600)]
    public int MaxRetryAfterSeconds { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasEndpoint = !string.IsNullOrWhiteSpace(Endpoint);
        if (hasConnectionString == hasEndpoint)
        {
            yield return new ValidationResult(
                "set either a connection string ('CommunicationServices__ConnectionString' = 'endpoint=…;accesskey=…') or, for a managed identity, " +
                "'CommunicationServices__Endpoint' — exactly one of the two.", [nameof(ConnectionString)]);
        }
        else if (hasConnectionString && !AcsConnectionString.TryParse(ConnectionString, out _, out var error))
        {
            yield return new ValidationResult($"the connection string {error} (expected 'endpoint=https://<resource>.communication.azure.com/;accesskey=<base64 key>').", [nameof(ConnectionString)]);
        }
        else if (hasEndpoint && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme != "https"))
        {
            yield return new ValidationResult("must be an absolute https URL such as 'https://<resource>.communication.azure.com'.", [nameof(Endpoint)]);
        }
    }
}
