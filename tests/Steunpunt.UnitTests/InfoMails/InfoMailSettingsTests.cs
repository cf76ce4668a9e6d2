using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Steunpunt.Composition;
using Steunpunt.InfoMails.Composing;

namespace Steunpunt.UnitTests.InfoMails;

/// <summary>The slice's settings are checked when the app starts, and so is its content.</summary>
public class InfoMailSettingsTests
{
    [Fact]
    public async Task The_defaults_start_and_the_content_is_loaded() => Assert.Null(await ValidSettings.StartAsync(_ => { }, services => Assert.NotNull(services.GetRequiredService<InfoMailCatalog>())));

    [Theory]
    [InlineData("InfoMails:RetentionDays", "0")]
    [InlineData("InfoMails:RetentionDays", "dertig")]
    [InlineData("InfoMails:SatisfactionUrl", "http://www.example.nl/tevredenheid")]
    [InlineData("InfoMails:SatisfactionUrl", "https://www.example.nl/tevredenheid?bron=mail")]
    public async Task A_malformed_setting_stops_the_app_naming_it(string setting, string value)
    {
        var error = await ValidSettings.StartAsync(settings => settings[setting] = value);
        Assert.NotNull(error);
        Assert.Contains(setting, error.ToString());
    }
}
