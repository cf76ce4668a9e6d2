using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Connectors.CommunicationServices;
using Steunpunt.Connectors.Email;
using Steunpunt.Connectors.Events;
using Steunpunt.Connectors.Sms;
using Steunpunt.Connectors.SignalR;

namespace Steunpunt.Connectors;

public static class ConnectorsRegistration
{
    /// <summary>Every connector to an outside service: Communication Services (e-mail, SMS, its events) and SignalR Service.</summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration configuration)
        => services
            .AddCommunicationServices()
            .AddEmail()
            .AddSms()
            .AddCommunicationEvents()
            .AddSignalRConnector(configuration);
}
