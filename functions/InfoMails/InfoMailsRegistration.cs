using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Settings;
using Steunpunt.InfoMails.Composing;

namespace Steunpunt.InfoMails;

public static class InfoMailsRegistration
{
    /// <summary>The information-mail slice: settings <c>InfoMails</c>, the content catalog (checked at start), sending, rating and the purge.</summary>
    public static IServiceCollection AddInfoMails(this IServiceCollection services)
    {
        services.AddSettings<InfoMailOptions>(InfoMailOptions.Section);
        services.AddSingleton(_ => InfoMailCatalog.Load(Path.Combine(AppContext.BaseDirectory, InfoMailCatalog.ShippedFolder)));
        services.AddHostedService<InfoMailContentCheck>();
        services.AddSingleton<InfoMailComposer>();
        services.AddSingleton<InfoMailStore>();
        services.AddSingleton<InfoMailRequests>();
        services.AddSingleton<InfoMailDelivery>();
        services.AddSingleton<InfoMailAddressPurge>();
        return services;
    }
}
