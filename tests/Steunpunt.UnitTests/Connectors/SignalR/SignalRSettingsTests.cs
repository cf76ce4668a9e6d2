using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Steunpunt.Composition;
using Steunpunt.Connectors.SignalR;

namespace Steunpunt.UnitTests.Connectors.SignalR;

/// <summary>Bad or missing SignalR settings stop the app at start, naming <c>AzureSignalRConnectionString</c>.</summary>
public class SignalRSettingsTests
{
    private const string Setting = "AzureSignalRConnectionString";
    private const string Key = ValidSettings.SignalRKey;

    [Theory]
    [InlineData("AccessKey=" + Key + ";Version=1.0;")]
    [InlineData("Endpoint=ftp://localhost/x;AccessKey=" + Key + ";Version=1.0;")]
    [InlineData("Endpoint=http://localhost:7071/emulators/signalr;AccessKey=;Version=1.0;")]
    [InlineData("Endpoint=http://localhost:7071/emulators/signalr;AccessKey=" + Key + ";Version=2.0;")]
    public async Task A_bad_connection_string_stops_the_app_naming_the_setting(string connectionString)
    {
        var error = Assert.IsType<OptionsValidationException>(await ValidSettings.StartAsync(s => s[Setting] = connectionString));
        Assert.Contains($"'{Setting}'", error.Message);
        Assert.DoesNotContain(Key, error.Message);
    }

    [Fact]
    public async Task Neither_connection_string_nor_service_uri_stops_the_app_naming_the_setting()
    {
        var error = Assert.IsType<OptionsValidationException>(await ValidSettings.StartAsync(s => s.Remove(Setting)));
        Assert.Contains($"'{Setting}' (environment variable '{Setting}') is missing", error.Message);
        Assert.Contains($"{Setting}__serviceUri", error.Message);
    }

    [Fact]
    public async Task A_malformed_service_uri_is_named()
    {
        var error = await ValidSettings.StartAsync(s =>
        {
            s.Remove(Setting);
            s[$"{Setting}:serviceUri"] = "steunpunt.service.signalr.net";
        });
        Assert.Contains($"'{Setting}:serviceUri'", Assert.IsType<OptionsValidationException>(error).Message);
    }

    [Fact]
    public async Task Identity_based_settings_start_and_use_the_managed_identity()
    {
        using var host = ValidSettings.BuildHost(s =>
        {
            s.Remove(Setting);
            s[$"{Setting}:serviceUri"] = "https://steunpunt.service.signalr.net/";
            s[$"{Setting}:credential"] = "managedidentity";
            s[$"{Setting}:clientId"] = "00000000-0000-0000-0000-000000000001";
        });
        await host.StartAsync();
        var endpoint = host.Services.GetRequiredService<SignalRServiceEndpoint>();
        Assert.Equal("https://steunpunt.service.signalr.net", endpoint.Endpoint);
        Assert.Null(endpoint.AccessKey);
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(endpoint.Credential);
        await host.StopAsync();
    }

    [Fact]
    public void A_connection_string_is_used_when_identity_settings_are_there_too()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Setting] = ValidSettings.Create()[Setting],
            [$"{Setting}:serviceUri"] = "https://steunpunt.service.signalr.net",
        }).Build();
        var options = new SignalROptions();
        SignalROptions.Bind(configuration, options);
        var endpoint = SignalRServiceEndpoint.Create(options, configuration);
        Assert.Equal("http://localhost:7071/emulators/signalr", endpoint.Endpoint);
        Assert.Equal(Key, endpoint.AccessKey);
    }
}
