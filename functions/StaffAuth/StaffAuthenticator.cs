using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Steunpunt.Common.Http;

namespace Steunpunt.StaffAuth;

/// <summary>Either the authenticated staff member or the 401/403 answer to give instead.</summary>
public readonly record struct StaffAuthResult(StaffMember? Member, ProblemResult? Failure);

/// <summary>
/// Checks the bearer token of a staff request: signature, issuer, audience, lifetime, then the role.
/// Functions call it first thing, so the check is the same in the Functions host and the local host.
/// </summary>
public sealed class StaffAuthenticator
{
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly StaffAuthOptions options;
    private readonly TokenValidationParameters parameters;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? metadata;
    private readonly ILogger<StaffAuthenticator> logger;

    public StaffAuthenticator(IOptions<StaffAuthOptions> options, ILogger<StaffAuthenticator> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        parameters = new TokenValidationParameters
        {
            ValidIssuer = this.options.Issuer,
            ValidAudience = this.options.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(this.options.ClockSkewSeconds),
            RoleClaimType = this.options.RoleClaim,
        };
        if (!string.IsNullOrWhiteSpace(this.options.SigningKey))
        {
            parameters.IssuerSigningKey = new SymmetricSecurityKey(StaffAuthOptions.DecodeKey(this.options.SigningKey));
            parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }
        else
        {
            metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
                this.options.MetadataAddress, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = true });
            parameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256];
        }
    }

    public async Task<StaffAuthResult> AuthenticateAsync(HttpRequest request, string requiredRole, CancellationToken cancellationToken = default)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(Problem.Unauthorized("Deze functie is alleen voor medewerkers: stuur een geldig toegangstoken in de Authorization-header (Bearer)."));
        }
        var token = header["Bearer ".Length..].Trim();

        var validation = parameters;
        if (metadata is not null)
        {
            var configuration = await metadata.GetConfigurationAsync(cancellationToken);
            validation = parameters.Clone();
            validation.IssuerSigningKeys = configuration.SigningKeys;
        }

        var result = await handler.ValidateTokenAsync(token, validation);
        if (!result.IsValid)
        {
            // The reason type is safe to log; the token itself never is.
            logger.LogInformation("Staff token refused: {Reason}.", result.Exception?.GetType().Name ?? "invalid");
            return Fail(Problem.Unauthorized(Reason(result.Exception)));
        }

        var roles = result.ClaimsIdentity.FindAll(options.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (!StaffRole.Grants(roles, requiredRole))
        {
            return Fail(Problem.Forbidden($"Hiervoor is de rol '{requiredRole}' nodig."));
        }
        var subject = result.ClaimsIdentity.FindFirst("oid")?.Value ?? result.ClaimsIdentity.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(subject))
        {
            return Fail(Problem.Unauthorized("Het token noemt geen medewerker (claim 'oid' of 'sub' ontbreekt)."));
        }
        return new StaffAuthResult(new StaffMember(subject, DisplayName(result.ClaimsIdentity.FindFirst("name")?.Value), roles), null);
    }

    /// <summary>
    /// The name claim as staff and visitors may see it (chat first name, case owner), or none: a name with control or
    /// invisible characters (bidi overrides, zero-width) is dropped, as the one text rule refuses it in every other input.
    /// </summary>
    public static string? DisplayName(string? claim)
        => string.IsNullOrWhiteSpace(claim) || claim.Length > 100 || !Common.FreeText.IsLine(claim) ? null : claim.Trim();

    private static StaffAuthResult Fail(ProblemResult failure) => new(null, failure);

    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "Het toegangstoken is verlopen.",
        SecurityTokenNotYetValidException => "Het toegangstoken is nog niet geldig.",
        SecurityTokenInvalidAudienceException => "Het toegangstoken is niet voor deze toepassing bedoeld (audience).",
        SecurityTokenInvalidIssuerException => "Het toegangstoken is niet door een vertrouwde uitgever afgegeven (issuer).",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "De handtekening van het toegangstoken klopt niet.",
        _ => "Het toegangstoken is ongeldig.",
    };
}
