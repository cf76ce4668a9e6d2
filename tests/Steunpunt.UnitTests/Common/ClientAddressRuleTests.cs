using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;

namespace Steunpunt.UnitTests.Common;

public class ClientAddressRuleTests
{
    private static ClientAddressRule Rule(string[]? proxies = null, string[]? networks = null, int limit = 1)
        => new(Options.Create(new ClientAddressOptions { KnownProxies = [.. proxies ?? []], KnownNetworks = [.. networks ?? []], ForwardLimit = limit }));

    private static HttpRequest Request(string peer, params string[] forwardedFor)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Connection.RemotePort = 50123;
        if (forwardedFor.Length > 0) context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        return context.Request;
    }

    [Fact]
    public void With_no_known_proxy_the_connection_is_the_client_whatever_the_header_says()
        => Assert.Equal(IPAddress.Parse("198.51.100.7"), Rule().ClientOf(Request("198.51.100.7", "203.0.113.1")));

    [Fact]
    public void A_header_from_a_peer_that_is_not_a_known_proxy_is_not_read()
        => Assert.Equal(IPAddress.Parse("198.51.100.7"), Rule(networks: ["127.0.0.0/8"]).ClientOf(Request("198.51.100.7", "203.0.113.1")));

    [Fact]
    public void From_a_known_proxy_the_rightmost_entry_is_the_client_and_entries_to_its_left_are_not()
        => Assert.Equal(IPAddress.Parse("203.0.113.9"), Rule(networks: ["127.0.0.0/8"]).ClientOf(Request("127.0.0.1", "10.9.9.9, 203.0.113.9:61234")));

    [Fact]
    public void A_known_proxy_by_address_counts_too()
        => Assert.Equal(IPAddress.Parse("203.0.113.9"), Rule(proxies: ["::1"]).ClientOf(Request("::1", "203.0.113.9")));

    [Fact]
    public void The_forward_limit_bounds_how_far_left_is_read()
    {
        var request = Request("127.0.0.1", "203.0.113.1", "10.0.0.5");
        Assert.Equal(IPAddress.Parse("10.0.0.5"), Rule(networks: ["127.0.0.0/8", "10.0.0.0/8"], limit: 1).ClientOf(request));
        Assert.Equal(IPAddress.Parse("203.0.113.1"), Rule(networks: ["127.0.0.0/8", "10.0.0.0/8"], limit: 2).ClientOf(request));
        // An entry is read only when the hop that wrote it is known: 203.0.113.1 is not, so 198.51.100.1 is never reached.
        Assert.Equal(IPAddress.Parse("203.0.113.1"), Rule(networks: ["127.0.0.0/8", "10.0.0.0/8"], limit: 5).ClientOf(Request("127.0.0.1", "198.51.100.1, 203.0.113.1, 10.0.0.5")));
    }

    [Theory]
    [InlineData("::ffff:1.2.3.4", "1.2.3.4")]
    [InlineData("1.2.3.4", "1.2.3.4")]
    public void An_ipv4_mapped_address_is_the_ipv4_client_it_maps(string peer, string expected)
        => Assert.Equal(IPAddress.Parse(expected), Rule().ClientOf(Request(peer)));

    [Fact]
    public void An_ipv4_mapped_forwarded_entry_is_the_ipv4_client_and_a_mapped_proxy_is_known()
        => Assert.Equal(IPAddress.Parse("1.2.3.4"), Rule(networks: ["127.0.0.0/8"]).ClientOf(Request("::ffff:127.0.0.1", "::ffff:1.2.3.4")));

    [Fact]
    public void The_request_itself_is_left_as_it_came()
    {
        var request = Request("127.0.0.1", "203.0.113.9");
        Rule(networks: ["127.0.0.0/8"]).ClientOf(request);
        Assert.Equal(IPAddress.Loopback, request.HttpContext.Connection.RemoteIpAddress);
        Assert.Equal("203.0.113.9", request.Headers["X-Forwarded-For"].ToString());
    }

    [Theory]
    [InlineData(new[] { "not-an-address" }, new string[0], "KnownProxies")]
    [InlineData(new string[0], new[] { "10.0.0.0" }, "KnownNetworks")]
    [InlineData(new string[0], new[] { "10.0.0.0/33" }, "KnownNetworks")]
    public void Settings_that_are_no_address_or_network_are_refused_by_name(string[] proxies, string[] networks, string member)
    {
        var options = new ClientAddressOptions { KnownProxies = [.. proxies], KnownNetworks = [.. networks] };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(member));
    }
}
