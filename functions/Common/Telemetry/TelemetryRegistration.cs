using Azure.Core;
using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Steunpunt.Common.Telemetry;

/// <summary>
/// Application Insights for the Functions worker as the isolated-worker docs wire it: the worker's traces and
/// dependencies go to the component, the host sends the requests. Ingestion is with the app's identity (the
/// component accepts nothing else); URLs lose their query and exception telemetry its messages (<see cref="TelemetryRedaction"/>).
/// </summary>
public static class TelemetryRegistration
{
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The provider whose default rule the docs say to remove (it keeps only Warning and up).</summary>
    public const string ApplicationInsightsProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplicationInsightsTelemetryWorkerService();
        services.ConfigureFunctionsApplicationInsights();
        services.AddSingleton<ITelemetryInitializer, TelemetryRedaction>();
        if (Credential(configuration[AuthenticationSetting]) is { } credential)
        {
            services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(credential));
        }
        // Without this the Application Insights logger drops Information; host.json's logging levels decide instead.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var warningOnly = options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsProvider);
            if (warningOnly is not null) options.Rules.Remove(warningOnly);
        });
        return services;
    }

    /// <summary>
    /// The Entra ID credential an authentication string such as <c>ClientId=…;Authorization=AAD</c> asks for: the
    /// user-assigned identity with that client id, or the system-assigned one; null when it asks for none.
    /// </summary>
    public static TokenCredential? Credential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication)) return null;
        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Instelling '{AuthenticationSetting}' moet 'Authorization=AAD' bevatten. / Setting '{AuthenticationSetting}' must contain 'Authorization=AAD'.");
        }
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
