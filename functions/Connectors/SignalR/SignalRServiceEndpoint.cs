using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Storage;

namespace Steunpunt.Connectors.SignalR;

/// <summary>The service the app talks to, resolved from <see cref="SignalROptions"/>: where it is, and how the app proves who it is.</summary>
public sealed class SignalRServiceEndpoint
{
    /// <summary>The service endpoint without a trailing slash; the base of the client token's audience.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Where clients connect (the negotiate answer's URL).</summary>
    public required string ClientEndpoint { get; init; }

    /// <summary>Where the app sends REST calls.</summary>
    public required string ServerEndpoint { get; init; }

    /// <summary>The access key (connection string); null with an Entra ID credential.</summary>
    public string? AccessKey { get; init; }

    /// <summary>The Entra ID credential (identity-based settings or AuthType); null with an access key.</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>What is wrong with the settings, as a message naming the setting; null when they are usable.</summary>
    public static string? Check(SignalROptions options)
    {
        var setting = SignalROptions.Setting;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return SignalRConnectionString.TryParse(options.ConnectionString, out _, out var error)
                ? null
                : $"Setting '{setting}' (environment variable '{setting}') is not a valid Azure SignalR Service connection string: {error}";
        }
        if (!string.IsNullOrWhiteSpace(options.ServiceUri))
        {
            return Uri.TryCreate(options.ServiceUri, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? null
                : $"Setting '{setting}:serviceUri' (environment variable '{setting}__serviceUri') must be an absolute https URI such as https://<name>.service.signalr.net.";
        }
        return $"Setting '{setting}' (environment variable '{setting}') is missing: set a connection string " +
            $"('Endpoint=https://<name>.service.signalr.net;AccessKey=<key>;Version=1.0;'; locally the emulator 'Endpoint=http://localhost:7071/emulators/signalr;…'), " +
            $"or identity-based settings '{setting}__serviceUri', '{setting}__credential=managedidentity' and '{setting}__clientId'.";
    }

    /// <summary>Builds the endpoint from settings that passed <see cref="Check"/>.</summary>
    public static SignalRServiceEndpoint Create(SignalROptions options, IConfiguration configuration)
    {
        if (Check(options) is { } failure) throw new OptionsValidationException(SignalROptions.Setting, typeof(SignalROptions), [failure]);

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            SignalRConnectionString.TryParse(options.ConnectionString, out var parsed, out _);
            return new SignalRServiceEndpoint
            {
                Endpoint = parsed!.Endpoint,
                ClientEndpoint = parsed.ClientEndpoint ?? parsed.Endpoint,
                ServerEndpoint = parsed.ServerEndpoint ?? parsed.Endpoint,
                AccessKey = parsed.AccessKey,
                Credential = parsed.AuthType is null ? null : CredentialFor(parsed),
            };
        }

        var endpoint = SignalRConnectionString.WithoutTrailingSlash(new Uri(options.ServiceUri!));
        return new SignalRServiceEndpoint
        {
            Endpoint = endpoint,
            ClientEndpoint = endpoint,
            ServerEndpoint = endpoint,
            Credential = StorageAccount.Credential(configuration.GetSection(SignalROptions.Setting)),
        };
    }

    /// <summary>The SDK's mapping of AuthType and its properties to a credential.</summary>
    private static TokenCredential CredentialFor(SignalRConnectionString parsed)
    {
        TokenCredential ManagedIdentity() => new ManagedIdentityCredential(string.IsNullOrEmpty(parsed.ClientId)
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(parsed.ClientId));
        TokenCredential Application() => !string.IsNullOrEmpty(parsed.ClientSecret)
            ? new ClientSecretCredential(parsed.TenantId, parsed.ClientId, parsed.ClientSecret)
            : new ClientCertificateCredential(parsed.TenantId, parsed.ClientId, parsed.ClientCert);

        return parsed.AuthType switch
        {
            "azure" => new DefaultAzureCredential(),
            "azure.app" => Application(),
            "aad" when !string.IsNullOrEmpty(parsed.ClientId) && !string.IsNullOrEmpty(parsed.TenantId) => Application(),
            _ => ManagedIdentity(),
        };
    }
}
