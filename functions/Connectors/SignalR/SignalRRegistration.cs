using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Steunpunt.Connectors.SignalR;

public static class SignalRRegistration
{
    /// <summary>The settings (checked at start), the service endpoint and <see cref="IRealtimeMessenger"/>.</summary>
    public static IServiceCollection AddSignalRConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<SignalROptions>, SignalROptionsValidator>();
        services.AddOptions<SignalROptions>().Configure(options => SignalROptions.Bind(configuration, options)).ValidateOnStart();
        services.TryAddSingleton(new SignalRClientOptions());
        services.AddSingleton(sp => SignalRServiceEndpoint.Create(sp.GetRequiredService<IOptions<SignalROptions>>().Value, configuration));
        services.AddSingleton<SignalRRestMessenger>();
        services.AddSingleton<IRealtimeMessenger>(sp => sp.GetRequiredService<SignalRRestMessenger>());
        return services;
    }
}
