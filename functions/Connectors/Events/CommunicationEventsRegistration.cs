using Microsoft.Extensions.DependencyInjection;

namespace Steunpunt.Connectors.Events;

public static class CommunicationEventsRegistration
{
    /// <summary>The Event Grid webhook for Communication Services events: the dispatcher, and the SMS delivery reports it keeps itself.</summary>
    public static IServiceCollection AddCommunicationEvents(this IServiceCollection services)
    {
        services.AddSingleton<SmsDeliveryReports>();
        services.AddSingleton<ICommunicationEventHandler>(sp => sp.GetRequiredService<SmsDeliveryReports>());
        services.AddSingleton<CommunicationEventDispatcher>();
        return services;
    }
}
