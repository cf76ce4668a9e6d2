using Steunpunt.Connectors.SignalR;

namespace Steunpunt.UnitTests.Connectors.SignalR;

public class SignalRConnectionStringTests
{
    private const string Key = "8v0MIU1J2WiCvXZwYIqRsGhSH3i3OuQQorVf1C3SohU";

    private static SignalRConnectionString Parse(string text)
    {
        Assert.True(SignalRConnectionString.TryParse(text, out var parsed, out var error), error);
        return parsed!;
    }

    private static string Error(string text)
    {
        Assert.False(SignalRConnectionString.TryParse(text, out _, out var error));
        return error!;
    }

    [Fact]
    public void The_local_sample_parses()
    {
        var parsed = Parse($"Endpoint=http://localhost:7071/emulators/signalr;AccessKey={Key};Version=1.0;");
        Assert.Equal("http://localhost:7071/emulators/signalr", parsed.Endpoint);
        Assert.Equal(Key, parsed.AccessKey);
        Assert.Equal("1.0", parsed.Version);
        Assert.Null(parsed.AuthType);
    }

    [Fact]
    public void Keys_are_case_insensitive_values_split_at_the_first_equals_and_the_trailing_slash_goes()
    {
        var parsed = Parse($"endpoint=https://steunpunt.service.signalr.net/;ACCESSKEY={Key}==;version=1.1-preview");
        Assert.Equal("https://steunpunt.service.signalr.net", parsed.Endpoint);
        Assert.Equal(Key + "==", parsed.AccessKey);
        Assert.Equal("1.1-preview", parsed.Version);
    }

    [Fact]
    public void Port_replaces_the_endpoint_port_and_ClientEndpoint_is_kept()
    {
        var parsed = Parse($"Endpoint=http://localhost;Port=8888;AccessKey={Key};ClientEndpoint=https://chat.steunpunt.nl/;Version=1.0");
        Assert.Equal("http://localhost:8888", parsed.Endpoint);
        Assert.Equal("https://chat.steunpunt.nl", parsed.ClientEndpoint);
    }

    [Fact]
    public void An_entra_auth_type_needs_no_key()
    {
        var parsed = Parse("Endpoint=https://steunpunt.service.signalr.net;AuthType=azure.msi;ClientId=00000000-0000-0000-0000-000000000001;Version=1.0;");
        Assert.Equal("azure.msi", parsed.AuthType);
        Assert.Null(parsed.AccessKey);
        Assert.Equal("00000000-0000-0000-0000-000000000001", parsed.ClientId);
    }

    [Theory]
    [InlineData("AccessKey=" + Key + ";Version=1.0", "'Endpoint' is missing")]
    [InlineData("Endpoint=;AccessKey=" + Key, "'Endpoint' is missing")]
    [InlineData("Endpoint=ftp://x.service.signalr.net;AccessKey=" + Key, "absolute http or https")]
    [InlineData("Endpoint=x.service.signalr.net;AccessKey=" + Key, "absolute http or https")]
    [InlineData("Endpoint=https://x.service.signalr.net;Version=1.0", "'AccessKey' is missing")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=;Version=1.0", "'AccessKey' is empty")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=short;Version=1.0", "too short")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=" + Key + ";Version=2.0", "Version 2.0 is not supported")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=" + Key + ";Port=70000", "'Port'")]
    [InlineData("Endpoint=https://x.service.signalr.net;AccessKey=" + Key + ";ClientEndpoint=nonsense", "'ClientEndpoint'")]
    [InlineData("Endpoint=https://x.service.signalr.net;endpoint=https://y.service.signalr.net;AccessKey=" + Key, "more than once")]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.app;ClientId=a", "azure.app")]
    public void A_bad_connection_string_says_what_is_wrong(string text, string says)
        => Assert.Contains(says, Error(text));

    [Fact]
    public void Errors_and_printing_never_show_the_key()
    {
        Assert.DoesNotContain("tooShortKey", Error("Endpoint=nonsense;AccessKey=tooShortKey"));
        Assert.DoesNotContain(Key, Parse($"Endpoint=https://x.service.signalr.net;AccessKey={Key}").ToString());
    }
}
