using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Steunpunt.Common.Http;

/// <summary>
/// The one rule for a request's client address, in both hosts: ASP.NET Core's forwarded-headers rules (an
/// <c>X-Forwarded-For</c> entry counts only when the peer that added it is a known proxy, at most
/// <see cref="ClientAddressOptions.ForwardLimit"/> entries from the right), applied to a copy of the request so the
/// request itself is left as it came. IPv4-mapped IPv6 addresses are the IPv4 address they map.
/// </summary>
public sealed class ClientAddressRule
{
    private readonly ForwardedHeadersMiddleware? forwarders;

    public ClientAddressRule(IOptions<ClientAddressOptions> options)
    {
        var settings = options.Value;
        // The middleware believes every peer when it knows none; here knowing none means believing none.
        if (settings.KnownProxies.Count == 0 && settings.KnownNetworks.Count == 0) return;
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = settings.ForwardLimit };
        // The defaults trust loopback; here only what the settings name is trusted.
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies) forwarded.KnownProxies.Add(Normalise(IPAddress.Parse(proxy))!);
        foreach (var network in settings.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        // No logger: the middleware would log the addresses it does not trust.
        forwarders = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(forwarded));
    }

    public IPAddress? ClientOf(HttpRequest request)
    {
        if (forwarders is null) return Normalise(request.HttpContext.Connection.RemoteIpAddress);
        var copy = new DefaultHttpContext();
        copy.Connection.RemoteIpAddress = Normalise(request.HttpContext.Connection.RemoteIpAddress);
        copy.Connection.RemotePort = request.HttpContext.Connection.RemotePort;
        var forwardedFor = request.Headers[ForwardedHeadersDefaults.XForwardedForHeaderName];
        if (forwardedFor.Count > 0) copy.Request.Headers[ForwardedHeadersDefaults.XForwardedForHeaderName] = forwardedFor;
        forwarders.ApplyForwarders(copy);
        return Normalise(copy.Connection.RemoteIpAddress);
    }

    public static IPAddress? Normalise(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
