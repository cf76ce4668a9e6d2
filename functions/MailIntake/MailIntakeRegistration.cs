using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Settings;
using Steunpunt.Connectors.Events;
using Steunpunt.MailIntake.Cases;
using Steunpunt.MailIntake.Insights;
using Steunpunt.MailIntake.Sender;
using Steunpunt.MailIntake.Staff;

namespace Steunpunt.MailIntake;

public static class MailIntakeRegistration
{
    public static IServiceCollection AddMailIntake(this IServiceCollection services)
    {
        services.AddSettings<MailIntakeOptions>(MailIntakeOptions.Section);
        services.AddSingleton<MailSenderLimiter>();
        services.AddSingleton<MailIntakeSubmission>();
        services.AddSingleton<MailLinkKeys>();
        services.AddSingleton<SenderThread>();
        services.AddSingleton<MailCaseStore>();
        services.AddSingleton<MailSenders>();
        services.AddSingleton<MailCaseIntake>();
        services.AddSingleton<StaffMail>();
        services.AddSingleton<MailReplySender>();
        services.AddSingleton<MailCaseRetention>();
        services.AddSingleton<MailSatisfaction>();
        services.AddSingleton<ICommunicationEventHandler, MailDeliveryReports>();
        services.AddSingleton<MailInsightsQuery>();
        return services;
    }
}
