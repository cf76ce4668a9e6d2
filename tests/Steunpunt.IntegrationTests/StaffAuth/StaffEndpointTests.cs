using System.Net;

namespace Steunpunt.IntegrationTests.StaffAuth;

[Collection(LocalHostCollection.Name)]
public class StaffEndpointTests(LocalHostFixture fixture)
{
    private const string Insights = "/api/insights/selftests";

    [Fact]
    public async Task Without_a_token_staff_endpoints_answer_401_with_the_scheme()
    {
        var response = await fixture.Client.GetAsync(Insights);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, Insights, tampered))).StatusCode);
    }

    [Theory]
    [InlineData("staff")]
    [InlineData("supervisor")]
    public async Task Staff_and_supervisors_may_read_insights(string role)
        => Assert.Equal(HttpStatusCode.OK, (await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, Insights, await fixture.StaffTokenAsync(role)))).StatusCode);

    [Theory]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?from=2026-02-01&to=2026-01-01", "from")]
    [InlineData("?from=2020-01-01&to=2026-01-01", "366")]
    public async Task A_bad_period_is_a_problem(string query, string says)
    {
        var response = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, Insights + query, await fixture.StaffTokenAsync("staff")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(says, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_dev_issuer_refuses_unknown_roles()
    {
        var response = await fixture.Client.PostAsync("/dev/staff-tokens", new StringContent("""{"roles":["admin"]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
