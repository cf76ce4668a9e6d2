using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Steunpunt.StaffAuth;

namespace Steunpunt.LocalHost.Dev;

public sealed record DevStaffTokenRequest(string? Name = null, IReadOnlyList<string>? Roles = null, int? Minutes = null);

public sealed record DevStaffToken(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string Subject, IReadOnlyList<string> Roles);

/// <summary>
/// The local stand-in for Entra ID: issues staff tokens signed with the dev key in <c>StaffAuth:SigningKey</c>,
/// checked by the same <see cref="StaffAuthenticator"/> the app uses in Azure. Exists only in the local host.
/// </summary>
public sealed class DevStaffTokens(IOptions<StaffAuthOptions> options)
{
    public (DevStaffToken? Token, string? Error) Issue(DevStaffTokenRequest request)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.SigningKey))
        {
            return (null, "Dev tokens need 'StaffAuth:SigningKey' (the local dev issuer); this host validates Entra ID tokens instead.");
        }
        var roles = request.Roles is { Count: > 0 } ? request.Roles : [StaffRole.Staff];
        var unknown = roles.Where(r => !StaffRole.All.Contains(r)).ToList();
        if (unknown.Count > 0) return (null, $"Unknown role(s) {string.Join(", ", unknown)}; use {string.Join(" or ", StaffRole.All)}.");
        var minutes = request.Minutes ?? 60;
        if (minutes is < 1 or > 720) return (null, "'minutes' must be between 1 and 720.");

        var name = string.IsNullOrWhiteSpace(request.Name) ? "Dev medewerker" : request.Name.Trim();
        // A stable subject per name, so the same dev person is recognised across tokens.
        var subject = "dev-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16];
        // Real time, not the app's clock: token lifetimes are checked against real time.
        var now = DateTimeOffset.UtcNow;
        var expires = now.AddMinutes(minutes);
        var claims = new List<Claim> { new("sub", subject), new("name", name) };
        claims.AddRange(roles.Select(r => new Claim(settings.RoleClaim, r)));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(settings.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        return (new DevStaffToken(token, "Bearer", expires, subject, roles), null);
    }
}
