using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Steunpunt.Common.Json;

namespace Steunpunt.Connectors.SignalR;

/// <summary>Pipeline settings for the REST client: Azure.Core's retries (408, 429 with Retry-After, 500, 502, 503, 504, network errors).</summary>
public sealed class SignalRClientOptions : ClientOptions
{
    public SignalRClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }
}

/// <summary>
/// <see cref="IRealtimeMessenger"/> over the service's data-plane REST API (2022-06-01) through an Azure.Core
/// pipeline. Each attempt of a call is signed: with an access key, a JWT whose <c>aud</c> is that request's URL
/// (the same token for the same URL for a few minutes); with Entra ID, a bearer token for <c>https://signalr.azure.com/.default</c>.
/// </summary>
public sealed class SignalRRestMessenger : IRealtimeMessenger
{
    public const string EntraScope = "https://signalr.azure.com/.default";

    /// <summary>Short, so a leaked client token is of little use; an open connection outlives it, a reconnect negotiates again.</summary>
    public static readonly TimeSpan DefaultClientTokenLifetime = TimeSpan.FromMinutes(30);

    private readonly SignalRServiceEndpoint service;
    private readonly HttpPipeline pipeline;
    private readonly ISignalRSigningKeySource signingKeys;
    private readonly TimeProvider clock;

    public SignalRRestMessenger(SignalRServiceEndpoint service, SignalRClientOptions options, TimeProvider clock)
    {
        this.service = service;
        this.clock = clock;
        HttpPipelinePolicy authentication = service.AccessKey is { } accessKey
            ? new SignalRAccessKeyPolicy(new SignalRSigningKey(accessKey), clock)
            : new BearerTokenAuthenticationPolicy(service.Credential!, EntraScope);
        pipeline = HttpPipelineBuilder.Build(options, perCallPolicies: [], perRetryPolicies: [authentication], new ResponseClassifier());
        signingKeys = service.AccessKey is { } key
            ? new AccessKeySigningKey(key)
            : new EntraTemporarySigningKey(service.ServerEndpoint, pipeline, clock);
    }

    public async Task<SignalRConnectionInfo> NegotiateAsync(string hub, string userId, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var hubName = SignalRRestApi.HubPathName(hub);
        var key = await signingKeys.GetAsync(cancellationToken);
        var token = SignalRAccessTokens.Create(key, SignalRAccessTokens.ClientAudience(service.Endpoint, hubName), clock.GetUtcNow(),
            lifetime ?? DefaultClientTokenLifetime, userId);
        return new SignalRConnectionInfo($"{service.ClientEndpoint}/client/?hub={hubName}", token);
    }

    public Task SendToAllAsync(string hub, string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default)
        => SendAsync(RequestMethod.Post, SignalRRestApi.SendToAll(service.ServerEndpoint, hub), Payload(target, arguments), "send to all", cancellationToken);

    public Task SendToUserAsync(string hub, string userId, string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default)
        => SendAsync(RequestMethod.Post, SignalRRestApi.SendToUser(service.ServerEndpoint, hub, userId), Payload(target, arguments), "send to user", cancellationToken);

    public Task SendToGroupAsync(string hub, string group, string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default)
        => SendAsync(RequestMethod.Post, SignalRRestApi.SendToGroup(service.ServerEndpoint, hub, group), Payload(target, arguments), "send to group", cancellationToken);

    public Task SendToConnectionAsync(string hub, string connectionId, string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default)
        => SendAsync(RequestMethod.Post, SignalRRestApi.SendToConnection(service.ServerEndpoint, hub, connectionId), Payload(target, arguments), "send to connection", cancellationToken);

    public Task AddUserToGroupAsync(string hub, string group, string userId, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
        => SendAsync(RequestMethod.Put, SignalRRestApi.UserGroup(service.ServerEndpoint, hub, group, userId, ttl), null, "add user to group", cancellationToken);

    public Task RemoveUserFromGroupAsync(string hub, string group, string userId, CancellationToken cancellationToken = default)
        => SendAsync(RequestMethod.Delete, SignalRRestApi.UserGroup(service.ServerEndpoint, hub, group, userId), null, "remove user from group", cancellationToken);

    public Task RemoveUserFromAllGroupsAsync(string hub, string userId, CancellationToken cancellationToken = default)
        => SendAsync(RequestMethod.Delete, SignalRRestApi.UserGroups(service.ServerEndpoint, hub, userId), null, "remove user from all groups", cancellationToken);

    /// <summary>The service's message body: <c>{"target": "…", "arguments": [ … ]}</c>, arguments with our JSON rules.</summary>
    internal static byte[] Payload(string target, IReadOnlyList<object?> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        return JsonSerializer.SerializeToUtf8Bytes(new MessagePayload(target, arguments), JsonDefaults.Web);
    }

    private sealed record MessagePayload(string Target, IReadOnlyList<object?> Arguments);

    private async Task SendAsync(RequestMethod method, Uri uri, byte[]? body, string operation, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        if (body is not null)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
            message.Request.Content = RequestContent.Create(body);
        }
        await pipeline.SendAsync(message, cancellationToken);
        if (message.Response.IsError) throw SignalRRequestFailedException.From(message.Response, operation);
    }
}

/// <summary>
/// Signs every attempt (retries included) with a short-lived JWT for exactly that request URL. A token is used again
/// for the same URL while it has more than <see cref="MinRemaining"/> left: making and checking a JWT costs more than
/// the rest of a push, and a chat pushes to the same two users for every message.
/// </summary>
internal sealed class SignalRAccessKeyPolicy(SignalRSigningKey key, TimeProvider clock) : HttpPipelineSynchronousPolicy
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinRemaining = TimeSpan.FromMinutes(1);

    /// <summary>One entry per user, group or hub URL pushed to recently; emptied when it grows past this, which only costs new tokens.</summary>
    internal const int MaxCachedTokens = 10_000;

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset IssuedAt)> tokens = new(StringComparer.Ordinal);

    public override void OnSendingRequest(HttpMessage message)
    {
        var audience = SignalRAccessTokens.RestAudience(message.Request.Uri.ToUri());
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + TokenFor(audience));
    }

    internal string TokenFor(string audience)
    {
        var now = clock.GetUtcNow();
        // Not before it was issued either: a clock that was set back would otherwise meet a token that is not valid yet.
        if (tokens.TryGetValue(audience, out var cached) && now >= cached.IssuedAt && now < cached.IssuedAt + Lifetime - MinRemaining) return cached.Token;
        if (tokens.Count >= MaxCachedTokens) tokens.Clear();
        var token = SignalRAccessTokens.Create(key, audience, now, Lifetime);
        tokens[audience] = (token, now);
        return token;
    }
}
