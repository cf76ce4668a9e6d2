using System.Text.RegularExpressions;

namespace Steunpunt.Connectors.SignalR;

/// <summary>
/// An Azure SignalR Service connection string (<c>Endpoint=…;AccessKey=…;Version=1.0;</c>), read with the
/// rules of the service SDK's parser: keys are case-insensitive, each property is split at its first '=',
/// a key may appear once, Endpoint is an absolute http(s) URI (trailing '/' trimmed), an optional Port
/// replaces the endpoint's port, Version must be 1.x, and AccessKey is required unless AuthType names an
/// Entra ID credential. Unlike the SDK, a path in the endpoint is kept, so an emulator can live under one.
/// </summary>
public sealed partial record SignalRConnectionString
{
    /// <summary>The service endpoint without a trailing slash, Port applied.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Where clients connect, when it differs from <see cref="Endpoint"/> (a proxy or custom domain).</summary>
    public string? ClientEndpoint { get; init; }

    /// <summary>Where the app reaches the service, when it differs from <see cref="Endpoint"/> (e.g. a private endpoint).</summary>
    public string? ServerEndpoint { get; init; }

    public string? AccessKey { get; init; }
    public string? Version { get; init; }

    /// <summary><c>aad</c>, <c>azure</c>, <c>azure.app</c> or <c>azure.msi</c>: an Entra ID credential instead of the key.</summary>
    public string? AuthType { get; init; }

    public string? ClientId { get; init; }
    public string? TenantId { get; init; }
    public string? ClientSecret { get; init; }
    public string? ClientCert { get; init; }

    /// <summary>The SDK's check: <c>^1\.\d+</c> with an optional suffix.</summary>
    [GeneratedRegex(@"^1\.\d+(?:[\w.-]+)?$")]
    private static partial Regex SupportedVersion();

    private static readonly string[] EntraAuthTypes = ["aad", "azure", "azure.app", "azure.msi"];

    /// <summary>
    /// Parses the text, or says what is wrong with it. Errors name the property, never a value: the text holds a secret.
    /// </summary>
    public static bool TryParse(string text, out SignalRConnectionString? result, out string? error)
    {
        result = null;
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = property.Split('=', 2);
            if (parts.Length != 2) continue;
            var key = parts[0].Trim();
            if (!properties.TryAdd(key, parts[1].Trim()))
            {
                error = $"the property '{key}' appears more than once.";
                return false;
            }
        }

        if (!properties.TryGetValue("Endpoint", out var endpointText) || endpointText.Length == 0)
        {
            error = "the property 'Endpoint' is missing (expected 'Endpoint=https://<name>.service.signalr.net;AccessKey=<key>;Version=1.0;').";
            return false;
        }
        if (!TryHttpUri(endpointText.TrimEnd('/'), out var endpoint))
        {
            error = "the property 'Endpoint' must be an absolute http or https URI.";
            return false;
        }

        string? version = null;
        if (properties.TryGetValue("Version", out var versionText))
        {
            if (!SupportedVersion().IsMatch(versionText))
            {
                error = $"Version {versionText} is not supported; Azure SignalR Service REST and client protocols here are version 1.x (e.g. 'Version=1.0').";
                return false;
            }
            version = versionText;
        }

        if (properties.TryGetValue("Port", out var portText))
        {
            if (!int.TryParse(portText, out var port) || port is < 1 or > 65535)
            {
                error = "the property 'Port' must be a whole number between 1 and 65535.";
                return false;
            }
            endpoint = new UriBuilder(endpoint!) { Port = port }.Uri;
        }

        Uri? clientEndpoint = null, serverEndpoint = null;
        if (properties.TryGetValue("ClientEndpoint", out var clientText) && !TryHttpUri(clientText.TrimEnd('/'), out clientEndpoint))
        {
            error = "the property 'ClientEndpoint' must be an absolute http or https URI.";
            return false;
        }
        if (properties.TryGetValue("ServerEndpoint", out var serverText) && !TryHttpUri(serverText.TrimEnd('/'), out serverEndpoint))
        {
            error = "the property 'ServerEndpoint' must be an absolute http or https URI.";
            return false;
        }

        properties.TryGetValue("AuthType", out var authType);
        var usesEntra = authType is not null && EntraAuthTypes.Contains(authType, StringComparer.OrdinalIgnoreCase);
        properties.TryGetValue("AccessKey", out var accessKey);
        if (!usesEntra)
        {
            if (accessKey is null)
            {
                error = "the property 'AccessKey' is missing (or use identity-based settings: 'AzureSignalRConnectionString__serviceUri' with '__credential=managedidentity').";
                return false;
            }
            // HS256 signing needs a key of at least 256 bits; the service's keys are 44 characters.
            if (System.Text.Encoding.UTF8.GetByteCount(accessKey) < 32)
            {
                error = accessKey.Length == 0
                    ? "the property 'AccessKey' is empty."
                    : "the property 'AccessKey' is too short (at least 32 characters; the service's keys have 44).";
                return false;
            }
        }
        else
        {
            var type = authType!.ToLowerInvariant();
            var hasClient = properties.ContainsKey("ClientId");
            var hasTenant = properties.ContainsKey("TenantId");
            var hasSecret = properties.ContainsKey("ClientSecret") || properties.ContainsKey("ClientCert");
            if (type == "azure.app" && !(hasClient && hasTenant && hasSecret))
            {
                error = "AuthType=azure.app needs 'ClientId', 'TenantId' and 'ClientSecret' or 'ClientCert'.";
                return false;
            }
            if (type == "aad" && hasClient && hasTenant && !hasSecret)
            {
                error = "AuthType=aad with 'ClientId' and 'TenantId' (an application) needs 'ClientSecret' or 'ClientCert'.";
                return false;
            }
        }

        result = new SignalRConnectionString
        {
            Endpoint = WithoutTrailingSlash(endpoint!),
            ClientEndpoint = clientEndpoint is null ? null : WithoutTrailingSlash(clientEndpoint),
            ServerEndpoint = serverEndpoint is null ? null : WithoutTrailingSlash(serverEndpoint),
            AccessKey = usesEntra ? null : accessKey,
            Version = version,
            AuthType = usesEntra ? authType!.ToLowerInvariant() : null,
            ClientId = properties.GetValueOrDefault("ClientId"),
            TenantId = properties.GetValueOrDefault("TenantId"),
            ClientSecret = properties.GetValueOrDefault("ClientSecret"),
            ClientCert = properties.GetValueOrDefault("ClientCert"),
        };
        error = null;
        return true;
    }

    private static bool TryHttpUri(string text, out Uri? uri)
        => Uri.TryCreate(text, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    internal static string WithoutTrailingSlash(Uri uri) => uri.AbsoluteUri.TrimEnd('/');

    /// <summary>Never print the key (records print every property by default).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Endpoint = {Endpoint}, AuthType = {AuthType ?? "accesskey"}");
        return true;
    }
}
