using Microsoft.Extensions.DependencyInjection;

namespace Steunpunt.Health;

public static class HealthRegistration
{
    /// <summary>The health endpoint's checks.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddSingleton<StorageHealthCheck>();
        return services;
    }
}
