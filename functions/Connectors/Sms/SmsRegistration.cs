using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Settings;

namespace Steunpunt.Connectors.Sms;

public static class SmsRegistration
{
    /// <summary>Sending SMS through Communication Services: settings <c>Sms</c> and <see cref="ISmsSender"/>.</summary>
    public static IServiceCollection AddSms(this IServiceCollection services)
    {
        services.AddSettings<SmsOptions>(SmsOptions.Section);
        services.AddSingleton<ISmsSender, AcsSmsClient>();
        return services;
    }
}
