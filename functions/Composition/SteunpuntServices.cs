using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Steunpunt.Chat;
using Steunpunt.Chat.Insights;
using Steunpunt.Chat.Schedule;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Settings;
using Steunpunt.MailIntake;
using Steunpunt.Reminders;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.CommunicationServices;
using Steunpunt.Connectors.Email;
using Steunpunt.Connectors.Events;
using Steunpunt.Connectors.Sms;
using Steunpunt.Connectors.SignalR;
using Steunpunt.Health;
using Steunpunt.SelfTests;
using Steunpunt.SelfTests.Contact;
using Steunpunt.SelfTests.Funnel;
using Steunpunt.SelfTests.Insights;
using Steunpunt.SelfTests.Scoring;
using Steunpunt.StaffAuth;
using Steunpunt.StaffNotifications;

namespace Steunpunt.Composition;

/// <summary>The one composition root: the Functions host, the local host, tests and benchmarks all call this.</summary>
public static class SteunpuntServices
{
    public static IServiceCollection AddSteunpunt(this IServiceCollection services, IConfiguration configuration)
    {
        // Shared plumbing
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<Watermarks>();
        services.AddSettings<StorageInitializerOptions>("Storage");
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton<StorageHealthCheck>();

        // Staff identity
        services.AddSettings<StaffAuthOptions>(StaffAuthOptions.Section);
        services.AddSingleton<StaffAuthenticator>();

        // Connectors: Communication Services (e-mail, SMS) and the Event Grid webhook for its events
        services.AddSettings<CommunicationServicesOptions>(CommunicationServicesOptions.Section);
        services.AddSettings<EmailOptions>(EmailOptions.Section);
        services.AddSettings<SmsOptions>(SmsOptions.Section);
        services.AddSingleton<CommunicationServicesConnection>();
        services.AddSingleton<IEmailSender, AcsEmailClient>();
        services.AddSingleton<ISmsSender, AcsSmsClient>();
        services.AddSingleton<SmsDeliveryReports>();
        services.AddSingleton<ICommunicationEventHandler>(sp => sp.GetRequiredService<SmsDeliveryReports>());
        services.AddSingleton<CommunicationEventDispatcher>();
        // Real-time (Azure SignalR Service) and the staff hub
        services.AddSignalRConnector(configuration);
        services.AddSingleton<StaffConnectionNegotiator>();
        services.AddStaffNotifications();

        // Chat relay
        services.AddSettings<ChatOptions>(ChatOptions.Section);
        services.AddSingleton<ChatSchedule>();
        services.AddSingleton<ChatStore>();
        services.AddSingleton<ChatRateLimits>();
        services.AddSingleton<ChatRealtime>();
        services.AddSingleton<ChatWaitingList>();
        services.AddSingleton<ChatAvailabilityQuery>();
        services.AddSingleton<VisitorChats>();
        services.AddSingleton<StaffChats>();
        services.AddSingleton<ChatSweep>();
        services.AddSingleton<ChatTranscriptPurge>();
        services.AddSingleton<ChatInsightsQuery>();

        // Mail intake
        services.AddMailIntake();

        // SMS appointment reminders and the no-show experiment
        services.AddReminders();

        // Self-help test
        services.AddSettings<SelfTestOptions>(SelfTestOptions.Section);
        services.AddSingleton(sp => new QuestionnaireCatalog(QuestionnaireCatalog.Load(sp.GetRequiredService<IOptions<SelfTestOptions>>().Value)));
        services.AddSingleton<SelfTestEventStore>();
        services.AddSingleton<SubmitResponseHandler>();
        services.AddSingleton<RecordEventHandler>();
        services.AddSingleton<SelfTestInsightsQuery>();
        services.AddSingleton<ContactRequestStore>();
        services.AddSingleton<ContactDetailPurge>();

        services.AddInfoMails(); // Information mails: InfoMails/InfoMailRegistration.cs
        return services;
    }
}
