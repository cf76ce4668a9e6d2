using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Steunpunt.Common.Http;

/// <summary>
/// Which peers may tell us the client's address in <c>X-Forwarded-For</c>. None by default: locally the
/// connection's address is the client. In Azure the template names the hop in front of the worker.
/// </summary>
public sealed class ClientAddressOptions : IValidatableObject
{
    public const string Section = "ClientAddress";

    /// <summary>Addresses of proxies whose <c>X-Forwarded-For</c> entry is believed (e.g. <c>::1</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR notation (e.g. <c>127.0.0.0/8</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many <c>X-Forwarded-For</c> entries, from the right, known proxies may account for.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"'{proxy}' is geen IP-adres / is not an IP address.", [nameof(KnownProxies)]);
        }
        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"'{network}' is geen netwerk in CIDR-notatie / is not a network in CIDR notation (e.g. 127.0.0.0/8).", [nameof(KnownNetworks)]);
        }
    }
}
