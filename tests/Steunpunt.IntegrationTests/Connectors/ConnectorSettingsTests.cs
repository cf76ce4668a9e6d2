using Microsoft.Extensions.Options;
using Steunpunt.LocalHost;

namespace Steunpunt.IntegrationTests.Connectors;

/// <summary>Missing or malformed connector settings stop the app at start, naming the setting.</summary>
public class ConnectorSettingsTests
{
    [Theory]
    [InlineData("--CommunicationServices:ConnectionString=endpoint=https://x.communication.azure.com/;accesskey=not base64!", "CommunicationServices:ConnectionString")]
    [InlineData("--CommunicationServices:ConnectionString=accesskey=p/21UKM+YZzpHZsOlc6A4aXMmtq8Lq/akmxqno+1eIA=", "CommunicationServices:ConnectionString")]
    [InlineData("--CommunicationServices:ConnectionString=", "CommunicationServices:ConnectionString")]
    [InlineData("--Email:SenderAddress=", "Email:SenderAddress")]
    [InlineData("--Email:SenderAddress=Steunpunt <noreply@example.org>", "Email:SenderAddress")]
    [InlineData("--Sms:From=06-12345678", "Sms:From")]
    public async Task A_bad_connector_setting_fails_the_start_naming_it(string argument, string setting)
    {
        await using var app = LocalFunctionsHost.Build([.. LocalHostFixture.HostArguments(), argument]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains($"'{setting}'", error.Message);
    }
}
