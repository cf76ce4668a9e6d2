using System.ComponentModel.DataAnnotations;

namespace Steunpunt.StaffAuth;

/// <summary>
/// How staff bearer tokens are checked. In Azure: Entra ID, with <see cref="MetadataAddress"/> pointing at the
/// tenant's OpenID configuration. Locally: the local host's dev issuer, with a shared <see cref="SigningKey"/>.
/// </summary>
public sealed class StaffAuthOptions : IValidatableObject
{
    public const string Section = "StaffAuth";

    [Required(ErrorMessage = "is required: the token issuer (Entra ID: https://login.microsoftonline.com/<tenant-id>/v2.0).")]
    public string Issuer { get; set; } = "";

    [Required(ErrorMessage = "is required: the application ID URI or client id of the staff app registration.")]
    public string Audience { get; set; } = "";

    /// <summary>OpenID Connect metadata URL; its JWKS keys sign the tokens.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Base64 HMAC key of at least 32 bytes, for the local dev issuer only.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim that carries app roles (Entra ID: <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Allowed clock difference when checking expiry.</summary>
    [Range(0, 600, ErrorMessage = "must be between 0 and 600 seconds.")]
    public int ClockSkewSeconds { get; set; } = 60;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasMetadata = !string.IsNullOrWhiteSpace(MetadataAddress);
        var hasKey = !string.IsNullOrWhiteSpace(SigningKey);
        if (hasMetadata == hasKey)
        {
            yield return new ValidationResult(
                "set exactly one of 'MetadataAddress' (Entra ID) or 'SigningKey' (local dev issuer).",
                [hasMetadata ? nameof(SigningKey) : nameof(MetadataAddress)]);
        }
        if (hasMetadata && !(Uri.TryCreate(MetadataAddress, UriKind.Absolute, out var uri) && uri.Scheme == "https"))
        {
            yield return new ValidationResult("must be an absolute https URL.", [nameof(MetadataAddress)]);
        }
        if (hasKey && DecodeKey(SigningKey!) is null)
        {
            yield return new ValidationResult("must be base64 of at least 32 bytes.", [nameof(SigningKey)]);
        }
    }

    internal static byte[]? DecodeKey(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written >= 32 ? buffer[..written] : null;
    }
}
