using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Steunpunt.Connectors.SignalR;

namespace Steunpunt.LocalHost.Emulators.SignalR;

/// <summary>
/// In front of the emulated client endpoint (<c>/emulators/signalr/client/…?hub=…</c>), on negotiate and on
/// connect alike: the client token must be signed with the access key, unexpired, and for
/// <c>{endpoint}/client/?hub={hub}</c> with this request's hub; else 401. The token comes in the Authorization
/// header, or, where browsers cannot set headers (WebSockets, Server-Sent Events), in the <c>access_token</c>
/// query parameter the SignalR protocol uses. The user id becomes the connection's user.
/// </summary>
internal sealed class SignalRClientGate(RequestDelegate next, SignalREmulatorTokens tokens, ILogger<SignalRClientGate> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;

        // The service answers CORS for any origin, with credentials, so browser clients on any site can connect.
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.AccessControlAllowCredentials = "true";
            response.Headers.Vary = "Origin";
            if (HttpMethods.IsOptions(request.Method) && request.Headers.AccessControlRequestMethod.Count > 0)
            {
                response.Headers.AccessControlAllowMethods = "GET, POST, DELETE, OPTIONS";
                response.Headers.AccessControlAllowHeaders = request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } asked ? asked : "*";
                response.Headers.AccessControlMaxAge = "600";
                response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
        }

        var hub = request.Query["hub"].ToString();
        if (hub.Length == 0)
        {
            await WriteErrorAsync(response, StatusCodes.Status400BadRequest, "InvalidArgument", "The 'hub' query parameter is required.");
            return;
        }

        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : request.Query["access_token"].ToString();
        var expected = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{SignalREmulator.BasePath}/client/");
        var check = await tokens.CheckAsync(token, audience => IsClientAudience(audience, expected, hub));
        if (!check.IsValid)
        {
            logger.LogInformation("SignalR emulator refused a client connection to hub {Hub}: {Reason}", Short(hub), check.Failure);
            response.Headers.WWWAuthenticate = "Bearer";
            await WriteErrorAsync(response, StatusCodes.Status401Unauthorized, "Unauthorized", check.Failure!);
            return;
        }

        var claims = new List<Claim>(check.Identity!.Claims);
        if (SignalREmulatorTokens.UserId(check.Identity) is { } userId) claims.Add(new Claim(ClaimTypes.NameIdentifier, userId));
        context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "SignalRService"));
        await next(context);
    }

    /// <summary><c>{endpoint}/client/?hub={hub}</c>, the hub compared without regard to case.</summary>
    private static bool IsClientAudience(string audience, Uri expected, string hub)
    {
        if (!SignalREmulatorTokens.SameResource(audience, expected) || !Uri.TryCreate(audience, UriKind.Absolute, out var aud)) return false;
        var query = ParseQuery(aud.Query);
        return query.Count == 1 && query.TryGetValue("hub", out var audienceHub) && string.Equals(audienceHub, hub, StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> ParseQuery(string query)
        => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";

    internal static async Task WriteErrorAsync(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, new SignalRError(code, message), SignalREmulatorJson.Options);
    }
}
