using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Steunpunt.LocalHost.Emulators.SignalR;

/// <summary>
/// The service's data-plane REST API: version 2022-06-01 (<c>/api/…?api-version=2022-06-01</c>) and v1
/// (<c>/api/v1/…</c>), as the official emulator answers both. Every call needs <c>Authorization: Bearer</c> with a
/// JWT whose <c>aud</c> is the request URL (with or without its query: the docs say without, the SDK signs with).
/// Names in the path are read from the raw request target, so an escaped '/' in a user id stays part of it.
/// Fault rules with target <c>signalr</c> (<c>POST /dev/faults</c>) apply to every call.
/// </summary>
internal sealed class SignalREmulatorRestApi(
    SignalREmulatorRegistry registry,
    SignalREmulatorTokens tokens,
    IHubContext<EmulatorHub> hubContext,
    FaultInjector faults,
    ILogger<SignalREmulatorRestApi> logger)
{
    public const string ApiVersion = "2022-06-01";
    public const int MaxBodyBytes = 1024 * 1024;

    private enum Operation
    {
        Health, SendToAll, SendToUser, SendToGroup, SendToConnection,
        CloseAll, CloseUser, CloseGroup, CloseConnection,
        UserExists, GroupExists, ConnectionExists, UserInGroup,
        AddUserToGroup, RemoveUserFromGroup, RemoveUserFromAllGroups,
        AddConnectionToGroup, RemoveConnectionFromGroup, RemoveConnectionFromAllGroups,
    }

    private sealed record Call(Operation Operation, int SuccessStatus, string Hub = "", string? User = null, string? Group = null, string? Connection = null);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var queryStart = rawTarget.IndexOf('?');
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var prefix = request.PathBase + SignalREmulator.BasePath + "/api/";
        if (!rawPath.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", "No such REST API.");
            return;
        }
        var segments = rawPath[prefix.Length..].Split('/').Select(Uri.UnescapeDataString).ToArray();
        var v1 = segments.Length > 0 && segments[0] == "v1";
        if (v1) segments = segments[1..];

        var call = v1 ? RouteV1(request.Method, segments) : Route(request.Method, segments);
        if (call is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "NotFound", $"No REST API for {request.Method} on this path.");
            return;
        }

        var fault = faults.TakeRequestFault("signalr", [call.User ?? call.Group ?? call.Connection ?? call.Hub]);
        if (fault?.LatencyMs > 0) await Task.Delay(fault.LatencyMs, context.RequestAborted);
        if (fault?.Status is { } faultStatus && !fault.AfterAccept)
        {
            await FaultAsync(context, fault, faultStatus);
            return;
        }

        // Authentication before anything about the request is judged, as a gateway does.
        var requestUrl = new Uri($"{request.Scheme}://{request.Host}{rawTarget}");
        var check = await tokens.CheckAsync(BearerToken(request), audience => AudienceIsRequest(audience, requestUrl));
        if (!check.IsValid)
        {
            logger.LogInformation("SignalR emulator refused {Operation}: {Reason}", call.Operation, check.Failure);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", check.Failure!);
            return;
        }

        if (!v1 && request.Query["api-version"].ToString() != ApiVersion)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidArgument", $"The query parameter 'api-version' must be '{ApiVersion}'.");
            return;
        }
        if (call.Operation != Operation.Health && !IsHubName(call.Hub))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidArgument", "A hub name starts with a letter and has only letters, digits and '_'.");
            return;
        }
        if (call.Group is { } group && group.Length is 0 or > 1024)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidArgument", "A group name has 1 to 1024 characters.");
            return;
        }

        var status = await ExecuteAsync(context, call with { Hub = call.Hub.ToLowerInvariant() });
        if (status is null) return; // an error answer was written
        if (fault?.Status is { } afterStatus)
        {
            // The work is done, the answer is lost: the caller sees only the fault.
            await FaultAsync(context, fault, afterStatus);
            return;
        }
        context.Response.StatusCode = status.Value;
    }

    /// <summary>Runs the call; its success status, or null when an error answer was written.</summary>
    private async Task<int?> ExecuteAsync(HttpContext context, Call call)
    {
        switch (call.Operation)
        {
            case Operation.Health:
                return call.SuccessStatus;

            case Operation.SendToAll or Operation.SendToUser or Operation.SendToGroup or Operation.SendToConnection:
            {
                var payload = await ReadPayloadAsync(context);
                if (payload is null) return null;
                var excluded = context.Request.Query["excluded"].Select(v => v ?? "").ToHashSet(StringComparer.Ordinal);
                var recipients = call.Operation switch
                {
                    Operation.SendToAll => registry.All(call.Hub),
                    Operation.SendToUser => registry.OfUser(call.Hub, call.User!),
                    Operation.SendToGroup => registry.InGroup(call.Hub, call.Group!),
                    _ => registry.Connection(call.Hub, call.Connection!) is { } one ? [one] : [],
                };
                var ids = recipients.Select(c => c.ConnectionId).Where(id => !excluded.Contains(id)).ToList();
                if (ids.Count > 0) await hubContext.Clients.Clients(ids).SendCoreAsync(payload.Value.Target, payload.Value.Arguments, context.RequestAborted);
                logger.LogInformation("SignalR emulator: {Operation} on hub {Hub} reached {Count} connection(s).", call.Operation, call.Hub, ids.Count);
                return call.SuccessStatus;
            }

            case Operation.CloseAll or Operation.CloseUser or Operation.CloseGroup or Operation.CloseConnection:
            {
                var closing = call.Operation switch
                {
                    Operation.CloseAll => registry.All(call.Hub),
                    Operation.CloseUser => registry.OfUser(call.Hub, call.User!),
                    Operation.CloseGroup => registry.InGroup(call.Hub, call.Group!),
                    _ => registry.Connection(call.Hub, call.Connection!) is { } one ? [one] : [],
                };
                var excluded = context.Request.Query["excluded"].Select(v => v ?? "").ToHashSet(StringComparer.Ordinal);
                foreach (var client in closing.Where(c => !excluded.Contains(c.ConnectionId))) client.Context.Abort();
                return call.SuccessStatus;
            }

            case Operation.UserExists:
                return Exists(registry.OfUser(call.Hub, call.User!).Count > 0);
            case Operation.GroupExists:
                return Exists(registry.InGroup(call.Hub, call.Group!).Count > 0);
            case Operation.ConnectionExists:
                return Exists(registry.Connection(call.Hub, call.Connection!) is not null);
            case Operation.UserInGroup:
                return Exists(registry.UserInGroup(call.Hub, call.Group!, call.User!));

            case Operation.AddUserToGroup:
            {
                TimeSpan? ttl = null;
                var ttlText = context.Request.Query["ttl"].ToString();
                if (ttlText.Length > 0)
                {
                    if (!int.TryParse(ttlText, out var seconds) || seconds < 0)
                    {
                        await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidArgument", "'ttl' must be a whole number of seconds, 0 or more.");
                        return null;
                    }
                    ttl = TimeSpan.FromSeconds(seconds);
                }
                registry.AddUserToGroup(call.Hub, call.Group!, call.User!, ttl);
                return call.SuccessStatus;
            }
            case Operation.RemoveUserFromGroup:
                registry.RemoveUserFromGroup(call.Hub, call.Group!, call.User!);
                return call.SuccessStatus;
            case Operation.RemoveUserFromAllGroups:
                registry.RemoveUserFromAllGroups(call.Hub, call.User!);
                return call.SuccessStatus;

            case Operation.AddConnectionToGroup:
                return Exists(registry.AddConnectionToGroup(call.Hub, call.Group!, call.Connection!), call.SuccessStatus);
            case Operation.RemoveConnectionFromGroup:
                if (registry.Connection(call.Hub, call.Connection!) is null) return StatusCodes.Status404NotFound;
                registry.RemoveConnectionFromGroup(call.Hub, call.Group!, call.Connection!);
                return call.SuccessStatus;
            case Operation.RemoveConnectionFromAllGroups:
                registry.RemoveConnectionFromAllGroups(call.Hub, call.Connection!);
                return call.SuccessStatus;
        }
        return StatusCodes.Status404NotFound;
    }

    private static int Exists(bool exists, int status = StatusCodes.Status200OK) => exists ? status : StatusCodes.Status404NotFound;

    /// <summary>2022-06-01 paths; null when there is none for this method and path.</summary>
    private static Call? Route(string method, string[] s)
    {
        bool Is(params string[] methods) => methods.Any(m => HttpMethods.Equals(method, m));
        const string Post = "POST", Put = "PUT", Delete = "DELETE", Head = "HEAD", Get = "GET";
        return s switch
        {
            ["health"] when Is(Head, Get) => new(Operation.Health, 200),
            ["hubs", var hub, ":send"] when Is(Post) => new(Operation.SendToAll, 202, hub),
            ["hubs", var hub, ":closeConnections"] when Is(Post) => new(Operation.CloseAll, 204, hub),
            ["hubs", var hub, "users", var user, ":send"] when Is(Post) => new(Operation.SendToUser, 202, hub, User: user),
            ["hubs", var hub, "users", var user, ":closeConnections"] when Is(Post) => new(Operation.CloseUser, 204, hub, User: user),
            ["hubs", var hub, "users", var user] when Is(Head) => new(Operation.UserExists, 200, hub, User: user),
            ["hubs", var hub, "users", var user, "groups"] when Is(Delete) => new(Operation.RemoveUserFromAllGroups, 204, hub, User: user),
            ["hubs", var hub, "users", var user, "groups", var group] when Is(Put) => new(Operation.AddUserToGroup, 200, hub, user, group),
            ["hubs", var hub, "users", var user, "groups", var group] when Is(Delete) => new(Operation.RemoveUserFromGroup, 204, hub, user, group),
            ["hubs", var hub, "users", var user, "groups", var group] when Is(Head) => new(Operation.UserInGroup, 200, hub, user, group),
            ["hubs", var hub, "groups", var group, ":send"] when Is(Post) => new(Operation.SendToGroup, 202, hub, Group: group),
            ["hubs", var hub, "groups", var group, ":closeConnections"] when Is(Post) => new(Operation.CloseGroup, 204, hub, Group: group),
            ["hubs", var hub, "groups", var group] when Is(Head) => new(Operation.GroupExists, 200, hub, Group: group),
            ["hubs", var hub, "groups", var group, "connections", var id] when Is(Put) => new(Operation.AddConnectionToGroup, 200, hub, Group: group, Connection: id),
            ["hubs", var hub, "groups", var group, "connections", var id] when Is(Delete) => new(Operation.RemoveConnectionFromGroup, 200, hub, Group: group, Connection: id),
            ["hubs", var hub, "connections", var id, ":send"] when Is(Post) => new(Operation.SendToConnection, 202, hub, Connection: id),
            ["hubs", var hub, "connections", var id] when Is(Head) => new(Operation.ConnectionExists, 200, hub, Connection: id),
            ["hubs", var hub, "connections", var id] when Is(Delete) => new(Operation.CloseConnection, 200, hub, Connection: id),
            ["hubs", var hub, "connections", var id, "groups"] when Is(Delete) => new(Operation.RemoveConnectionFromAllGroups, 200, hub, Connection: id),
            _ => null,
        };
    }

    /// <summary>v1 paths (<c>/api/v1/…</c>), with v1's success statuses.</summary>
    private static Call? RouteV1(string method, string[] s)
    {
        bool Is(params string[] methods) => methods.Any(m => HttpMethods.Equals(method, m));
        const string Post = "POST", Put = "PUT", Delete = "DELETE", Head = "HEAD", Get = "GET";
        return s switch
        {
            ["health"] when Is(Head, Get) => new(Operation.Health, 200),
            ["hubs", var hub] when Is(Post) => new(Operation.SendToAll, 202, hub),
            ["hubs", var hub, "users", var user] when Is(Post) => new(Operation.SendToUser, 202, hub, User: user),
            ["hubs", var hub, "users", var user] when Is(Head, Get) => new(Operation.UserExists, 200, hub, User: user),
            ["hubs", var hub, "users", var user, "groups"] when Is(Delete) => new(Operation.RemoveUserFromAllGroups, 200, hub, User: user),
            ["hubs", var hub, "groups", var group] when Is(Post) => new(Operation.SendToGroup, 202, hub, Group: group),
            ["hubs", var hub, "groups", var group] when Is(Head, Get) => new(Operation.GroupExists, 200, hub, Group: group),
            ["hubs", var hub, "groups", var group, "users", var user] when Is(Put) => new(Operation.AddUserToGroup, 202, hub, user, group),
            ["hubs", var hub, "groups", var group, "users", var user] when Is(Delete) => new(Operation.RemoveUserFromGroup, 202, hub, user, group),
            ["hubs", var hub, "groups", var group, "users", var user] when Is(Head, Get) => new(Operation.UserInGroup, 200, hub, user, group),
            ["hubs", var hub, "groups", var group, "connections", var id] when Is(Put) => new(Operation.AddConnectionToGroup, 200, hub, Group: group, Connection: id),
            ["hubs", var hub, "groups", var group, "connections", var id] when Is(Delete) => new(Operation.RemoveConnectionFromGroup, 200, hub, Group: group, Connection: id),
            ["hubs", var hub, "connections", var id] when Is(Post) => new(Operation.SendToConnection, 202, hub, Connection: id),
            ["hubs", var hub, "connections", var id] when Is(Head, Get) => new(Operation.ConnectionExists, 200, hub, Connection: id),
            ["hubs", var hub, "connections", var id] when Is(Delete) => new(Operation.CloseConnection, 202, hub, Connection: id),
            _ => null,
        };
    }

    private static bool IsHubName(string hub)
        => hub.Length > 0 && char.IsAsciiLetter(hub[0]) && hub.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>The docs: <c>aud</c> is the request URL without its query; the SDK signs it with the query. Both pass.</summary>
    private static bool AudienceIsRequest(string audience, Uri requestUrl)
    {
        if (!SignalREmulatorTokens.SameResource(audience, requestUrl) || !Uri.TryCreate(audience, UriKind.Absolute, out var aud)) return false;
        return aud.Query.Length == 0 || aud.Query == requestUrl.Query;
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>The message body, <c>{"target": "…", "arguments": [ … ]}</c>, at most 1 MB; null when an error answer was written.</summary>
    private static async Task<(string Target, object?[] Arguments)?> ReadPayloadAsync(HttpContext context)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            await ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Send the message as application/json.");
            return null;
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "The body may be at most 1 MB.");
            return null;
        }
        var body = new ArrayBufferWriter<byte>();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            if (body.WrittenCount + read > MaxBodyBytes)
            {
                await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "The body may be at most 1 MB.");
                return null;
            }
            body.Write(buffer.AsSpan(0, read));
        }

        try
        {
            using var document = JsonDocument.Parse(body.WrittenMemory);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(target.GetString()))
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidArgument", "The body must be a JSON object with a non-empty string 'target'.");
                return null;
            }
            object?[] arguments = [];
            if (root.TryGetProperty("arguments", out var args) && args.ValueKind != JsonValueKind.Null)
            {
                if (args.ValueKind != JsonValueKind.Array)
                {
                    await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidArgument", "'arguments' must be a JSON array.");
                    return null;
                }
                arguments = args.EnumerateArray().Select(a => (object?)a.Clone()).ToArray();
            }
            return (target.GetString()!, arguments);
        }
        catch (JsonException)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidArgument", "The body is not valid JSON.");
            return null;
        }
    }

    private static async Task FaultAsync(HttpContext context, FaultRule fault, int status)
    {
        if (fault.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ErrorAsync(context, status, status == StatusCodes.Status429TooManyRequests ? "TooManyRequests" : "InjectedFault", $"Fault injected by the local host (status {status}).");
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
        => HttpMethods.IsHead(context.Request.Method)
            ? SetStatus(context, status)
            : SignalRClientGate.WriteErrorAsync(context.Response, status, code, message);

    private static Task SetStatus(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
