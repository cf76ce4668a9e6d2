using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Settings;

namespace Steunpunt.Connectors.Email;

public static class EmailRegistration
{
    /// <summary>Sending e-mail through Communication Services: settings <c>Email</c> and <see cref="IEmailSender"/>.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddSettings<EmailOptions>(EmailOptions.Section);
        services.AddSingleton<IEmailSender, AcsEmailClient>();
        return services;
    }
}
