using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Steunpunt.Connectors.SignalR;

/// <summary>Where the key that signs client tokens comes from.</summary>
public interface ISignalRSigningKeySource
{
    ValueTask<SignalRSigningKey> GetAsync(CancellationToken cancellationToken);
}

/// <summary>The connection string's AccessKey.</summary>
internal sealed class AccessKeySigningKey(string accessKey) : ISignalRSigningKeySource
{
    private readonly SignalRSigningKey key = new(accessKey);

    public ValueTask<SignalRSigningKey> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(key);
}

/// <summary>
/// With Entra ID there is no access key, yet client tokens must still be HS256 JWTs. The service SDK asks the
/// service for a temporary key (<c>GET {endpoint}/api/v1/auth/accessKey</c> with an Entra token for
/// <c>https://signalr.azure.com/.default</c>; answer <c>{"KeyId": "…", "AccessKey": "…"}</c>), signs with it and
/// names it in the JWT header's <c>kid</c>. Like the SDK, the key is fetched again after 55 minutes and, when
/// that fails, the old one is used until it is two hours old.
/// </summary>
internal sealed class EntraTemporarySigningKey(string serverEndpoint, HttpPipeline entraPipeline, TimeProvider clock) : ISignalRSigningKeySource
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(55);
    public static readonly TimeSpan UsableFor = TimeSpan.FromMinutes(120);

    private readonly SemaphoreSlim gate = new(1, 1);
    private (SignalRSigningKey Key, DateTimeOffset FetchedAt)? current;

    public async ValueTask<SignalRSigningKey> GetAsync(CancellationToken cancellationToken)
    {
        if (current is { } fresh && clock.GetUtcNow() - fresh.FetchedAt < RefreshAfter) return fresh.Key;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } again && clock.GetUtcNow() - again.FetchedAt < RefreshAfter) return again.Key;
            try
            {
                var key = await FetchAsync(cancellationToken);
                current = (key, clock.GetUtcNow());
                return key;
            }
            catch (Exception) when (current is { } old && clock.GetUtcNow() - old.FetchedAt < UsableFor && !cancellationToken.IsCancellationRequested)
            {
                return old.Key;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SignalRSigningKey> FetchAsync(CancellationToken cancellationToken)
    {
        using var message = entraPipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri($"{serverEndpoint}/api/v1/auth/accessKey"));
        await entraPipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.IsError) throw SignalRRequestFailedException.From(response, "get a temporary access key");

        string? keyId = null, accessKey = null;
        try
        {
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String) continue;
                if (property.NameEquals("KeyId") || property.Name.Equals("keyId", StringComparison.OrdinalIgnoreCase)) keyId = property.Value.GetString();
                if (property.Name.Equals("AccessKey", StringComparison.OrdinalIgnoreCase)) accessKey = property.Value.GetString();
            }
        }
        catch (JsonException)
        {
            // Fall through: reported below without quoting the body, which holds a key.
        }
        return !string.IsNullOrEmpty(keyId) && !string.IsNullOrEmpty(accessKey)
            ? new SignalRSigningKey(accessKey, keyId)
            : throw new SignalRRequestFailedException(response.Status, "InvalidAccessKeyResponse", "get a temporary access key",
                "The service's access key answer lacks 'KeyId' or 'AccessKey'.");
    }
}
