using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Storage;
using Steunpunt.Composition;

namespace Steunpunt.UnitTests.Common;

/// <summary>A missing or malformed setting stops the app at start with a message that names it.</summary>
public class SettingsValidationTests
{
    [Fact]
    public async Task Valid_settings_start() => Assert.Null(await ValidSettings.StartAsync(_ => { }));

    [Theory]
    [InlineData("StaffAuth:Issuer")]
    [InlineData("StaffAuth:Audience")]
    [InlineData("CommunicationServices:ConnectionString")]
    [InlineData("Email:SenderAddress")]
    public async Task A_missing_setting_is_named(string setting)
    {
        var error = Assert.IsType<OptionsValidationException>(await ValidSettings.StartAsync(s => s.Remove(setting)));
        Assert.Contains($"'{setting}'", error.Message);
    }

    [Theory]
    [InlineData("SelfTests:ContactRetentionDays", "0")]
    [InlineData("SelfTests:ContactRetentionDays", "abc")]
    [InlineData("StaffAuth:SigningKey", "tooshort")]
    [InlineData("CommunicationServices:ConnectionString", "endpoint=https://x.communication.azure.com/;accesskey=geen-sleutel")]
    [InlineData("CommunicationServices:MaxRetries", "99")]
    [InlineData("Sms:From", "06-12345678")]
    [InlineData("Chat:AlwaysOpen", "ja")]
    public async Task A_malformed_setting_is_named(string setting, string value)
    {
        var error = await ValidSettings.StartAsync(s => s[setting] = value);
        Assert.NotNull(error);
        Assert.Contains(setting, error.ToString());
    }

    [Fact]
    public async Task Missing_storage_is_named()
    {
        var error = await ValidSettings.StartAsync(s => s.Remove(StorageAccount.Setting));
        Assert.Contains("AzureWebJobsStorage", error!.Message);
    }

    [Fact]
    public void A_malformed_storage_connection_string_is_named()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(StorageAccount.Setting, "AccountName=x;nonsense")]).Build();
        Assert.Contains("AzureWebJobsStorage", Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(configuration)).Message);
    }
}
