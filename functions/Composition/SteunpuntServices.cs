using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Settings;
using Steunpunt.Common.Storage;
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

        // Real-time (Azure SignalR Service) and the staff hub
        services.AddSignalRConnector(configuration);
        services.AddSingleton<StaffConnectionNegotiator>();

        // Self-help test
        services.AddSettings<SelfTestOptions>(SelfTestOptions.Section);
        services.AddSingleton(sp => new QuestionnaireCatalog(QuestionnaireCatalog.Load(sp.GetRequiredService<IOptions<SelfTestOptions>>().Value)));
        services.AddSingleton<SelfTestEventStore>();
        services.AddSingleton<SubmitResponseHandler>();
        services.AddSingleton<RecordEventHandler>();
        services.AddSingleton<SelfTestInsightsQuery>();
        services.AddSingleton<ContactRequestStore>();
        services.AddSingleton<ContactDetailPurge>();

        return services;
    }
}
