using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.LocalHost.Emulators.SignalR;

namespace Steunpunt.LocalHost.Emulators;

/// <summary>
/// The local stand-ins for the Azure services the app talks to, served by the local host itself under
/// <c>/emulators/…</c>. They read the same settings as the app (the keys in its connection strings), so
/// the app is configured exactly as in Azure, only with local endpoints.
/// </summary>
public static class EmulatorRegistration
{
    public static IServiceCollection AddEmulators(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<FaultInjector>();

        services.AddOptions<CommunicationServicesEmulatorOptions>().BindConfiguration(CommunicationServicesEmulatorOptions.Section);
        services.AddOptions<EventGridEmulatorOptions>().BindConfiguration(EventGridEmulatorOptions.Section);
        services.AddSingleton<DevOutbox>();
        services.AddSingleton<EventGridPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventGridPublisher>());
        services.AddSingleton<CommunicationServicesEmulator>();
        services.AddSignalREmulator();
        return services;
    }

    public static void MapEmulators(this WebApplication app)
    {
        FaultEndpoints.Map(app);
        CommunicationServicesEmulator.Map(app);
        OutboxEndpoints.Map(app);
        app.MapSignalREmulator();
    }
}
