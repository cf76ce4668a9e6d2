using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Steunpunt.LocalHost.Emulators.SignalR;

/// <summary>
/// Azure SignalR Service in Serverless mode, emulated under <c>/emulators/signalr</c>: the data-plane REST API
/// (2022-06-01 and v1) at <c>/emulators/signalr/api/…</c>, and the client endpoint
/// <c>/emulators/signalr/client/?hub=…</c> that real SignalR clients connect to. Tokens are checked with the
/// AccessKey of the app's own <c>AzureSignalRConnectionString</c>, exactly as the service checks them.
/// Not emulated: upstream (client invocations and connection events sent to the app), MessagePack,
/// persistent connections across restarts, and the service's limits beyond the 1 MB body.
/// </summary>
public static class SignalREmulator
{
    public const string BasePath = "/emulators/signalr";

    public static IServiceCollection AddSignalREmulator(this IServiceCollection services)
    {
        // Detailed errors, so a client closed for invoking a hub method hears why.
        services.AddSignalR(options => options.EnableDetailedErrors = true);
        services.RemoveAll<IHubProtocol>();
        services.AddSingleton<IHubProtocol>(sp => new ServerlessHubProtocol(new JsonHubProtocol(sp.GetRequiredService<IOptions<JsonHubProtocolOptions>>())));
        services.AddSingleton<SignalREmulatorRegistry>();
        services.AddSingleton<SignalREmulatorTokens>();
        services.AddSingleton<SignalREmulatorRestApi>();
        return services;
    }

    public static void MapSignalREmulator(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(BasePath + "/client"), branch => branch.UseMiddleware<SignalRClientGate>());
        app.MapHub<EmulatorHub>(BasePath + "/client");
        app.Map(BasePath + "/api/{**rest}", (HttpContext context, SignalREmulatorRestApi api) => api.HandleAsync(context));
    }
}

/// <summary>The service's error body (2022-06-01 <c>ErrorDetail</c>: code and message).</summary>
internal sealed record SignalRError(string Code, string Message);

internal static class SignalREmulatorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
