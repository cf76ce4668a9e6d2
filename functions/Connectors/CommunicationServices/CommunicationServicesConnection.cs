using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Storage;

namespace Steunpunt.Connectors.CommunicationServices;

/// <summary>
/// One Azure.Core pipeline to the Communication Services resource, shared by the e-mail and SMS clients:
/// retries with back-off that honours <c>Retry-After</c>, then access-key (HMAC) or Entra ID authentication.
/// </summary>
public sealed class CommunicationServicesConnection
{
    /// <summary>The scope the Communication Services SDKs ask Entra ID for.</summary>
    public const string EntraScope = "https://communication.azure.com//.default";

    public Uri Endpoint { get; }
    public HttpPipeline Pipeline { get; }

    public CommunicationServicesConnection(IOptions<CommunicationServicesOptions> options, IConfiguration configuration, TimeProvider clock)
        : this(options.Value, () => StorageAccount.Credential(configuration.GetSection(CommunicationServicesOptions.Section)), clock, transport: null)
    {
    }

    /// <param name="credential">Asked only for identity-based access (no connection string).</param>
    /// <param name="transport">Tests put their own transport here; null is HTTP.</param>
    internal CommunicationServicesConnection(CommunicationServicesOptions settings, Func<TokenCredential> credential, TimeProvider clock, HttpPipelineTransport? transport)
    {
        var clientOptions = new CommunicationServicesClientOptions();
        if (transport is not null) clientOptions.Transport = transport;
        clientOptions.Retry.MaxRetries = settings.MaxRetries;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(500);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);

        HttpPipelinePolicy authentication;
        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            AcsConnectionString.TryParse(settings.ConnectionString, out var parsed, out _);
            Endpoint = parsed!.Endpoint;
            authentication = new HmacAuthenticationPolicy(parsed.AccessKey, clock);
        }
        else
        {
            Endpoint = new Uri(settings.Endpoint!.TrimEnd('/'));
            authentication = new BearerTokenAuthenticationPolicy(credential(), EntraScope);
        }
        Pipeline = HttpPipelineBuilder.Build(clientOptions, [], [authentication],
            new RetryAfterLimitClassifier(TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds)));
    }

    /// <summary><c>{endpoint}/{path}</c>, keeping any path the endpoint has (the local emulator lives under one).</summary>
    public Uri Url(string pathAndQuery) => new($"{Endpoint.AbsoluteUri.TrimEnd('/')}/{pathAndQuery.TrimStart('/')}");

    private sealed class CommunicationServicesClientOptions : ClientOptions;

    /// <summary>The usual transient answers are retried, except a 429/503 that asks for a longer wait than we allow.</summary>
    private sealed class RetryAfterLimitClassifier(TimeSpan limit) : ResponseClassifier
    {
        public override bool IsRetriableResponse(HttpMessage message)
        {
            var status = message.Response.Status;
            if (status is 429 or 503 && CommunicationServicesResponses.RetryAfter(message.Response) > limit) return false;
            return status is 408 or 429 or 500 or 502 or 503 or 504;
        }
    }
}
