using Microsoft.Extensions.Configuration;
using Steunpunt.LocalHost.Settings;

namespace Steunpunt.UnitTests.LocalHost;

public class HostJsonSettingsTests
{
    private static HostJsonSettings Load(string json, params (string Key, string Value)[] settings)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, json);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
            return HostJsonSettings.Load(path, configuration);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Defaults_are_the_functions_hosts()
    {
        var settings = Load("""{"version":"2.0"}""");
        Assert.Equal(new HostJsonSettings("api", 16, 8, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5, true), settings);
    }

    [Fact]
    public void The_repositorys_host_json_is_read()
    {
        var settings = HostJsonSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"), new ConfigurationBuilder().Build());
        Assert.Equal(5, settings.QueueMaxDequeueCount);
        Assert.True(settings.QueueBase64);
    }

    [Fact]
    public void App_settings_override_host_json_as_in_azure()
    {
        var settings = Load("""{"version":"2.0","extensions":{"queues":{"batchSize":4,"maxDequeueCount":3}}}""",
            ("AzureFunctionsJobHost:extensions:queues:maxDequeueCount", "2"));
        Assert.Equal(4, settings.QueueBatchSize);
        Assert.Equal(2, settings.QueueMaxDequeueCount);
    }

    [Theory]
    [InlineData("""{"version":"1.0"}""", "version")]
    [InlineData("""{"version":"2.0","extensions":{"queues":{"batchSize":64}}}""", "batchSize")]
    [InlineData("""{"version":"2.0","extensions":{"queues":{"visibilityTimeout":"soon"}}}""", "visibilityTimeout")]
    [InlineData("""{"version":"2.0","extensions":{"queues":{"messageEncoding":"utf7"}}}""", "messageEncoding")]
    public void Bad_values_are_named(string json, string setting)
        => Assert.Contains(setting, Assert.Throws<InvalidOperationException>(() => Load(json)).Message);
}
