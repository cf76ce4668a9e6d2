using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Settings;

namespace Steunpunt.Connectors.CommunicationServices;

public static class CommunicationServicesRegistration
{
    /// <summary>The Communication Services resource (settings <c>CommunicationServices</c>) that the e-mail and SMS connectors share.</summary>
    public static IServiceCollection AddCommunicationServices(this IServiceCollection services)
    {
        services.AddSettings<CommunicationServicesOptions>(CommunicationServicesOptions.Section);
        services.AddSingleton<CommunicationServicesConnection>();
        return services;
    }
}
