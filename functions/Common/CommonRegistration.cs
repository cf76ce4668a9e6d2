using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;
using Steunpunt.Common.RateLimits;
using Steunpunt.Common.Settings;
using Steunpunt.Common.Storage;

namespace Steunpunt.Common;

public static class CommonRegistration
{
    /// <summary>The plumbing every slice shares: the clock and the organisation's today and time zone, the storage account and its tables and queues, the work queue, watermarks, the app's own keys, the answer to an unhandled exception, the client-address rule and the one rate limiter.</summary>
    public static IServiceCollection AddCommon(this IServiceCollection services, IConfiguration configuration)
    {
        // TryAdd: a test or benchmark that registered its own clock first keeps it.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings<OrganisationOptions>(OrganisationOptions.Section);
        services.AddSingleton(provider => new OrganisationClock(
            provider.GetRequiredService<TimeProvider>(),
            TimeZoneInfo.FindSystemTimeZoneById(provider.GetRequiredService<IOptions<OrganisationOptions>>().Value.TimeZone)));
        services.AddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        services.AddSettings<StorageInitializerOptions>("Storage");
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<Watermarks>();
        services.AddSingleton<AppSecrets>();
        services.AddSingleton<UnhandledExceptionAnswer>();
        services.AddSettings<ClientAddressOptions>(ClientAddressOptions.Section);
        services.AddSingleton<ClientAddressRule>();
        services.AddSingleton<RateLimiter>();
        return services;
    }
}
