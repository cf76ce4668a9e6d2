using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Settings;
using Steunpunt.SelfTests.Contact;
using Steunpunt.SelfTests.Funnel;
using Steunpunt.SelfTests.Insights;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.SelfTests;

public static class SelfTestsRegistration
{
    /// <summary>The self-help tests: settings <c>SelfTests</c>, the questionnaire catalog, scoring, the funnel, contact requests and their purge, the figures.</summary>
    public static IServiceCollection AddSelfTests(this IServiceCollection services)
    {
        services.AddSettings<SelfTestOptions>(SelfTestOptions.Section);
        services.AddSingleton(sp => new QuestionnaireCatalog(QuestionnaireCatalog.Load(sp.GetRequiredService<IOptions<SelfTestOptions>>().Value)));
        services.AddSingleton<SelfTestEventStore>();
        services.AddSingleton<SelfTestLimits>();
        services.AddSingleton<SubmitResponseHandler>();
        services.AddSingleton<RecordEventHandler>();
        services.AddSingleton<SelfTestInsightsQuery>();
        services.AddSingleton<ContactRequestStore>();
        services.AddSingleton<ContactDetailPurge>();
        services.AddSingleton<ContactRequestDesk>();
        return services;
    }
}
