using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Steunpunt.Common.Http;
using Steunpunt.LocalHost.Dev;
using Steunpunt.StaffAuth;

namespace Steunpunt.UnitTests.StaffAuth;

public class StaffAuthenticatorTests
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly StaffAuthOptions Options = new() { Issuer = "https://issuer.test", Audience = "api://staff", SigningKey = Key };
    private static readonly StaffAuthenticator Authenticator = new(Microsoft.Extensions.Options.Options.Create(Options), NullLogger<StaffAuthenticator>.Instance);

    private static string Token(string[] roles, string? key = null, string? audience = null, string? issuer = null, DateTime? expires = null, string? subject = "user-1", string? name = null)
    {
        var claims = roles.Select(r => new Claim("roles", r)).ToList();
        if (subject is not null) claims.Add(new Claim("sub", subject));
        if (name is not null) claims.Add(new Claim("name", name));
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Options.Issuer,
            Audience = audience ?? Options.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = expiry.AddHours(-1),
            IssuedAt = expiry.AddHours(-1),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key ?? Key)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static async Task<(StaffMember? Member, int? Status, string? Detail)> Authenticate(string? header, string role = StaffRole.Staff)
    {
        var context = new DefaultHttpContext();
        if (header is not null) context.Request.Headers.Authorization = header;
        var result = await Authenticator.AuthenticateAsync(context.Request, role);
        return (result.Member, result.Failure?.StatusCode, result.Failure?.Value.Detail);
    }

    [Fact]
    public async Task A_valid_staff_token_names_the_staff_member()
    {
        var (member, status, _) = await Authenticate("Bearer " + Token(["staff"]));
        Assert.Null(status);
        Assert.Equal("user-1", member!.Subject);
    }

    [Theory]
    [InlineData("Anna de Vries", "Anna de Vries")]
    [InlineData("Anna\u202Eseirv ed", null)]
    [InlineData("An\u200Bna", null)]
    [InlineData("Anna\u001b[31m", null)]
    public async Task A_name_claim_with_control_or_invisible_characters_is_no_name(string claim, string? name)
    {
        var (member, _, _) = await Authenticate("Bearer " + Token(["staff"], name: claim));
        Assert.Equal(name, member!.Name);
        Assert.Equal("user-1", member.Subject);
    }

    [Fact]
    public async Task A_supervisor_may_do_what_staff_may()
        => Assert.NotNull((await Authenticate("Bearer " + Token(["supervisor"]))).Member);

    [Fact]
    public async Task Staff_may_not_do_what_only_a_supervisor_may()
    {
        var (_, status, detail) = await Authenticate("Bearer " + Token(["staff"]), StaffRole.Supervisor);
        Assert.Equal(403, status);
        Assert.Contains("supervisor", detail);
    }

    [Fact]
    public async Task A_token_without_a_staff_role_is_forbidden()
        => Assert.Equal(403, (await Authenticate("Bearer " + Token([]))).Status);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-jwt")]
    public async Task Missing_or_malformed_tokens_are_unauthorized(string? header)
        => Assert.Equal(401, (await Authenticate(header)).Status);

    [Fact]
    public async Task A_token_signed_with_another_key_is_unauthorized()
    {
        var (_, status, detail) = await Authenticate("Bearer " + Token(["staff"], key: Convert.ToBase64String(new byte[32])));
        Assert.Equal(401, status);
        Assert.Contains("handtekening", detail);
    }

    [Fact]
    public async Task An_expired_token_is_unauthorized()
    {
        var (_, status, detail) = await Authenticate("Bearer " + Token(["staff"], expires: DateTime.UtcNow.AddMinutes(-5)));
        Assert.Equal(401, status);
        Assert.Contains("verlopen", detail);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_unauthorized()
        => Assert.Equal(401, (await Authenticate("Bearer " + Token(["staff"], audience: "api://other"))).Status);

    [Fact]
    public async Task A_token_from_another_issuer_is_unauthorized()
        => Assert.Equal(401, (await Authenticate("Bearer " + Token(["staff"], issuer: "https://evil.test"))).Status);

    [Fact]
    public async Task A_token_that_names_nobody_is_unauthorized()
        => Assert.Equal(401, (await Authenticate("Bearer " + Token(["staff"], subject: null))).Status);

    [Fact]
    public async Task Dev_tokens_from_the_local_host_pass_the_same_check()
    {
        var (token, error) = new DevStaffTokens(Microsoft.Extensions.Options.Options.Create(Options)).Issue(new DevStaffTokenRequest("Anna", ["supervisor"]));
        Assert.Null(error);
        Assert.NotNull((await Authenticate("Bearer " + token!.AccessToken, StaffRole.Supervisor)).Member);
    }

    [Fact]
    public void Options_need_exactly_one_way_to_check_signatures()
    {
        var both = new StaffAuthOptions { Issuer = "i", Audience = "a", SigningKey = Key, MetadataAddress = "https://login.example/v2.0/.well-known/openid-configuration" };
        var neither = new StaffAuthOptions { Issuer = "i", Audience = "a" };
        var shortKey = new StaffAuthOptions { Issuer = "i", Audience = "a", SigningKey = Convert.ToBase64String(new byte[8]) };
        Assert.NotEmpty(both.Validate(new(both)));
        Assert.NotEmpty(neither.Validate(new(neither)));
        Assert.Contains(shortKey.Validate(new(shortKey)), r => r.MemberNames.Contains("SigningKey"));
    }
}
