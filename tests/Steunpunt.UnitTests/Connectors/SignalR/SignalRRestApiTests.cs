using Steunpunt.Connectors.SignalR;

namespace Steunpunt.UnitTests.Connectors.SignalR;

public class SignalRRestApiTests
{
    private const string Endpoint = "https://x.service.signalr.net";

    [Fact]
    public void Paths_are_the_2022_06_01_ones_with_the_hub_lower_cased()
    {
        Assert.Equal("https://x.service.signalr.net/api/hubs/staff/:send?api-version=2022-06-01", SignalRRestApi.SendToAll(Endpoint, "Staff").AbsoluteUri);
        Assert.Equal("https://x.service.signalr.net/api/hubs/staff/users/u1/:send?api-version=2022-06-01", SignalRRestApi.SendToUser(Endpoint, "staff", "u1").AbsoluteUri);
        Assert.Equal("https://x.service.signalr.net/api/hubs/staff/groups/team/:send?api-version=2022-06-01", SignalRRestApi.SendToGroup(Endpoint, "staff", "team").AbsoluteUri);
        Assert.Equal("https://x.service.signalr.net/api/hubs/staff/connections/c1/:send?api-version=2022-06-01", SignalRRestApi.SendToConnection(Endpoint, "staff", "c1").AbsoluteUri);
        Assert.Equal("https://x.service.signalr.net/api/hubs/staff/users/u1/groups/team?api-version=2022-06-01", SignalRRestApi.UserGroup(Endpoint, "staff", "team", "u1").AbsoluteUri);
        Assert.Equal("https://x.service.signalr.net/api/hubs/staff/users/u1/groups/team?api-version=2022-06-01&ttl=90", SignalRRestApi.UserGroup(Endpoint, "staff", "team", "u1", TimeSpan.FromSeconds(89.5)).AbsoluteUri);
        Assert.Equal("https://x.service.signalr.net/api/hubs/staff/users/u1/groups?api-version=2022-06-01", SignalRRestApi.UserGroups(Endpoint, "staff", "u1").AbsoluteUri);
    }

    [Fact]
    public void A_path_below_the_endpoint_is_kept()
        => Assert.Equal("http://localhost:7071/emulators/signalr/api/hubs/staff/:send?api-version=2022-06-01",
            SignalRRestApi.SendToAll("http://localhost:7071/emulators/signalr", "staff").AbsoluteUri);

    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a b", "a%20b")]
    [InlineData("élan?#", "%C3%A9lan%3F%23")]
    [InlineData("...", "...")]
    public void Names_are_escaped_as_one_segment(string user, string escaped)
        => Assert.Equal($"https://x.service.signalr.net/api/hubs/staff/users/{escaped}/:send?api-version=2022-06-01",
            SignalRRestApi.SendToUser(Endpoint, "staff", user).AbsoluteUri);

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public void Dot_segments_are_refused_so_a_send_to_a_user_cannot_become_a_send_to_all(string user)
    {
        Assert.Throws<ArgumentException>(() => SignalRRestApi.SendToUser(Endpoint, "staff", user));
        Assert.Throws<ArgumentException>(() => SignalRRestApi.SendToGroup(Endpoint, "staff", user));
    }

    [Theory]
    [InlineData("1staff")]
    [InlineData("staff-hub")]
    [InlineData("")]
    [InlineData("staff/../x")]
    public void A_hub_name_the_service_refuses_is_refused_here(string hub)
        => Assert.Throws<ArgumentException>(() => SignalRRestApi.SendToAll(Endpoint, hub));

    [Fact]
    public void An_empty_user_or_an_overlong_group_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SignalRRestApi.SendToUser(Endpoint, "staff", ""));
        Assert.Throws<ArgumentException>(() => SignalRRestApi.SendToGroup(Endpoint, "staff", new string('g', 1025)));
    }
}
