using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;
using Steunpunt.LocalHost.Settings;

namespace Steunpunt.UnitTests.LocalHost;

/// <summary>Host.CORS and Host.CORSCredentials read as Core Tools reads them.</summary>
public class HostCorsTests
{
    private static HostCors? Read(string? origins, string? credentials = null)
        => HostCors.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection([new(HostCors.OriginsSetting, origins), new(HostCors.CredentialsSetting, credentials)])
            .Build());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(",")]
    public void No_origins_means_no_CORS(string? origins) => Assert.Null(Read(origins, "true"));

    [Fact]
    public void Origins_are_a_comma_separated_list_with_empty_entries_skipped()
    {
        var cors = Read("http://localhost:5173,,http://127.0.0.1:7071", "true")!;
        Assert.Equal(["http://localhost:5173", "http://127.0.0.1:7071"], cors.Origins);
        Assert.True(cors.Credentials);

        var policy = new CorsPolicyBuilder();
        cors.Apply(policy);
        var built = policy.Build();
        Assert.True(built.SupportsCredentials);
        Assert.True(built.AllowAnyHeader);
        Assert.True(built.AllowAnyMethod);
        Assert.False(built.IsOriginAllowed("http://localhost:5174"));
    }

    [Fact]
    public void Credentials_are_off_unless_set()
    {
        Assert.False(Read("*")!.Credentials);
        var policy = new CorsPolicyBuilder();
        Read("*")!.Apply(policy);
        Assert.True(policy.Build().AllowAnyOrigin);
    }

    [Fact]
    public void Any_origin_with_credentials_stops_the_host_naming_both_settings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read("http://localhost:5173,*", "true"));
        Assert.Contains("'Host:CORS' mag geen '*' bevatten", error.Message);
        Assert.Contains("'Host:CORSCredentials' is true", error.Message);
    }

    [Fact]
    public void Credentials_that_are_not_a_bool_are_named()
        => Assert.Contains("'Host:CORSCredentials' moet true of false zijn", Assert.Throws<InvalidOperationException>(() => Read("http://localhost:5173", "ja")).Message);
}
